import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ELIGIBILITY_OUTCOMES, type ListCounts } from '../api/exchange.types.ts';
import { useFormat } from '../i18n/format.ts';

/** Lines per list and outcome, and per deciding rule. */
export function ListCountsTable({ lists, caption }: { lists: ListCounts[]; caption: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const deciding = (counts: ListCounts) =>
    Object.entries(counts.decidedBy)
      .map(([rule, n]) => `${rule}: ${format.integer(n)}`)
      .join(' · ');
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('eligibility.list')}</Table.Th>
            <Table.Th>{t('eligibility.lines')}</Table.Th>
            {ELIGIBILITY_OUTCOMES.map((o) => (
              <Table.Th key={o}>{t(`eligibilityOutcome.${o}`)}</Table.Th>
            ))}
            <Table.Th>{t('eligibility.decidedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lists.map((counts) => (
            <Table.Tr key={`${counts.party}-${counts.kind}`}>
              <Table.Td>
                {t(`lists.title.${counts.kind}`, { party: counts.party })} ·{' '}
                {t('eligibility.version', { n: counts.listVersion })}
              </Table.Td>
              <Table.Td>{format.integer(counts.lines)}</Table.Td>
              {ELIGIBILITY_OUTCOMES.map((o) => (
                <Table.Td key={o}>{format.integer(counts.outcomes[o] ?? 0)}</Table.Td>
              ))}
              <Table.Td>{deciding(counts)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
