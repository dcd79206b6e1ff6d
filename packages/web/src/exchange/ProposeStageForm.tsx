import { Button, Group, List, NumberInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { useProposeStage } from './exchange.api.ts';

/** The mediator proposes the next stage: where, when and how many; the server explains the surplus. */
export function ProposeStageForm({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const propose = useProposeStage(mechanism.id, agreementId);
  const [place, setPlace] = useState('');
  const [date, setDate] = useState('');
  const [size, setSize] = useState<number | string>('');
  const submit = () =>
    propose.mutate({ place, date, ...(typeof size === 'number' ? { size } : {}) });
  return (
    <Stack>
      <Group align="flex-end">
        <TextInput
          label={t('stage.place')}
          value={place}
          onChange={(e) => setPlace(e.currentTarget.value)}
          required
        />
        <TextInput
          type="date"
          label={t('stage.date')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          required
        />
        <NumberInput label={t('stage.size')} value={size} onChange={setSize} min={1} w={140} />
        <Button disabled={!place || !date} loading={propose.isPending} onClick={submit}>
          {t('stage.propose')}
        </Button>
      </Group>
      <ErrorAlert error={propose.error} />
      {propose.data && (
        <SuccessAlert
          title={t('stage.proposed', {
            number: propose.data.number,
            n: format.integer(propose.data.selected),
          })}
        >
          {propose.data.surplus.length > 0 && (
            <>
              {t('stage.surplus', { n: format.integer(propose.data.surplus.length) })}
              <List size="sm">
                {[...new Set(propose.data.surplus.map((s) => s.reason))].map((reason) => (
                  <List.Item key={reason}>
                    {`${reason} (${format.integer(propose.data.surplus.filter((s) => s.reason === reason).length)})`}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </SuccessAlert>
      )}
    </Stack>
  );
}
