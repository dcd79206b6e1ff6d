import { Button, Group, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StageDetail } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { useAllowListChange } from './exchange.api.ts';

/**
 * The mediator's leave, with a reason, for the next held-list version to change or remove persons
 * of this stage; without it such a version is refused. Used by one import.
 */
export function ListOverride({
  stageId,
  current,
}: {
  stageId: string;
  current: StageDetail['listOverride'];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const allow = useAllowListChange(mechanism.id);
  const [reason, setReason] = useState('');
  if (current)
    return (
      <Text size="sm">
        {t('stageGuard.given', {
          by: current.by,
          at: format.dateTime(current.at),
          reason: current.reason ?? '—',
        })}
      </Text>
    );
  return (
    <>
      <Group align="flex-end" gap="xs">
        <TextInput
          size="xs"
          w={360}
          label={t('stageGuard.reason')}
          description={t('stageGuard.help')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Button
          size="xs"
          variant="default"
          disabled={reason.trim().length < 3}
          loading={allow.isPending}
          onClick={() => allow.mutate({ stageId, reason }, { onSuccess: () => setReason('') })}
        >
          {t('stageGuard.allow')}
        </Button>
      </Group>
      <ErrorAlert error={allow.error} />
    </>
  );
}
