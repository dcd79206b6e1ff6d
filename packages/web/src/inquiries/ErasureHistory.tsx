import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import type { InquiryDetail } from './inquiries.api.ts';

/** The requests to erase the inquirer's data made before, and what came of each. */
export function ErasureHistory({ erasures }: { erasures: InquiryDetail['erasures'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (erasures.length === 0) return null;
  return (
    <Table aria-label={t('inquiries.protection.history')}>
      <Table.Caption>{t('inquiries.protection.history')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('inquiries.protection.recordedAt')}</Table.Th>
          <Table.Th>{t('inquiries.protection.requesterLabel')}</Table.Th>
          <Table.Th>{t('inquiries.protection.basisLabel')}</Table.Th>
          <Table.Th>{t('inquiries.protection.outcome')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {erasures.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>{format.dateTime(e.recordedAt)}</Table.Td>
            <Table.Td>
              {t(`inquiries.protection.requester.${e.requester}`)} · {format.date(e.requestedOn)}
            </Table.Td>
            <Table.Td>{t(`inquiries.protection.basis.${e.basis}`)}</Table.Td>
            <Table.Td>
              <Text size="sm">
                {e.outcome === 'erased'
                  ? t(`inquiries.protection.scopeErased.${e.scope}`)
                  : `${t('inquiries.protection.refused')}: ${t(`inquiries.protection.refusal.${e.refusal ?? 'legal_hold'}`)}`}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
