import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useLegalHold } from './data-protection.api.ts';
import { ErasureForm } from './ErasureForm.tsx';
import type { InquiryDetail } from './inquiries.api.ts';
import { ErasureHistory } from './ErasureHistory.tsx';

/**
 * The inquiry's data protection, for the party's bureau: a legal hold that keeps it from
 * retention and erasure, the inquirer's request to erase their data, and what was asked before.
 */
export function DataProtectionCard({
  mechanismId,
  inquiry,
}: {
  mechanismId: string;
  inquiry: InquiryDetail;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const hold = useLegalHold(mechanismId, inquiry.id);
  const [reason, setReason] = useState('');
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('inquiries.protection.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('inquiries.protection.help')}</Text>
        <Title order={3} size="h5">
          {t('inquiries.protection.hold')}
        </Title>
        {inquiry.legalHold ? (
          <Group>
            <Alert color="orange.9" variant="outline" role="status">
              {t('inquiries.protection.heldBecause', {
                reason: inquiry.legalHold.reason,
                at: format.dateTime(inquiry.legalHold.at),
              })}
            </Alert>
            <Button variant="default" loading={hold.isPending} onClick={() => hold.mutate(null)}>
              {t('inquiries.protection.lift')}
            </Button>
          </Group>
        ) : (
          <Group align="flex-end">
            <TextInput
              label={t('inquiries.protection.holdReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={500}
              w={360}
            />
            <Button
              variant="default"
              disabled={reason.trim() === ''}
              loading={hold.isPending}
              onClick={() => hold.mutate(reason.trim(), { onSuccess: () => setReason('') })}
            >
              {t('inquiries.protection.putHold')}
            </Button>
          </Group>
        )}
        <ErrorAlert error={hold.error} />
        <ErasureForm mechanismId={mechanismId} inquiryId={inquiry.id} />
        <ErasureHistory erasures={inquiry.erasures} />
      </Stack>
    </Card>
  );
}
