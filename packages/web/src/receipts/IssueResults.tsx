import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import type { IssueResult } from './receipts.api.ts';

/** The answer to issuing several receipts, person by person. */
export function IssueResults({
  results,
  recordOf,
}: {
  results: IssueResult[];
  recordOf: (personId: string) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const issued = results.filter((r) => r.ok).length;
  const refused = results.length - issued;
  return (
    <>
      {issued > 0 && (
        <SuccessAlert title={t('receipts.issued', { count: issued, n: format.integer(issued) })} />
      )}
      {refused > 0 && (
        <ErrorAlert
          error={new Error(t('receipts.refused', { count: refused, n: format.integer(refused) }))}
        />
      )}
      <Table>
        <Table.Caption>{t('receipts.resultsCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('receipts.record')}</Table.Th>
            <Table.Th>{t('receipts.result')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.map((r) => (
            <Table.Tr key={r.personId}>
              <Table.Td>{recordOf(r.personId)}</Table.Td>
              <Table.Td>
                {r.ok ? t('receipts.issuedWith', { hash: r.hash?.slice(0, 16) }) : r.problem}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
