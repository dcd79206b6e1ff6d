import { Button, Card, Group, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import type { SamePersonDecision } from '@parley/kernel/inquiry';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useDecideSamePerson, type SamePersonPairShown } from './same-person.api.ts';

/** The bureau's decision on a pair: merge, or not the same with the reason; once decided, what was. */
export function SamePersonDecisionForm({
  mechanismId,
  pair,
}: {
  mechanismId: string;
  pair: SamePersonPairShown;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const decide = useDecideSamePerson(mechanismId, pair.id);
  const [decision, setDecision] = useState<SamePersonDecision | null>(null);
  const [reason, setReason] = useState('');
  const isDecided = pair.status === 'confirmed' || pair.status === 'rejected';
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('inquiries.review.decision')}
      </Title>
      {isDecided ? (
        <Stack gap={4}>
          <Text>
            {t(
              `inquiries.review.decidedAs.${pair.status === 'confirmed' ? 'confirmed' : 'rejected'}`,
              {
                at: format.dateTime(pair.decidedAt),
              },
            )}
          </Text>
          {pair.reason && <Text>{t('inquiries.review.reasonWas', { reason: pair.reason })}</Text>}
        </Stack>
      ) : (
        <Stack>
          <Radio.Group
            label={t('inquiries.review.question')}
            value={decision ?? ''}
            onChange={(value) => setDecision(value === 'confirmed' ? 'confirmed' : 'rejected')}
          >
            <Group mt="xs">
              <Radio value="confirmed" label={t('inquiries.review.merge')} />
              <Radio value="rejected" label={t('inquiries.review.notSame')} />
            </Group>
          </Radio.Group>
          <Textarea
            label={t('inquiries.review.reason')}
            description={t('inquiries.review.reasonHint')}
            required={decision === 'rejected'}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={1000}
            autosize
            minRows={2}
          />
          <Button
            w="fit-content"
            disabled={decision === null || (decision === 'rejected' && reason.trim() === '')}
            loading={decide.isPending}
            onClick={() => decision && decide.mutate({ decision, reason: reason.trim() })}
          >
            {t('inquiries.review.submit')}
          </Button>
          <ErrorAlert error={decide.error} />
        </Stack>
      )}
    </Card>
  );
}
