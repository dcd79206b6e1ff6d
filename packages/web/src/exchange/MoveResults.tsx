import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MoveResult } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useFormat } from '../i18n/format.ts';

/** The answer to a bulk move, person by person: how many moved, and each refusal's reason. */
export function MoveResults({
  results,
  recordOf,
}: {
  results: MoveResult[];
  recordOf: (personId: string) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const refused = results.filter((r) => !r.ok);
  const moved = results.length - refused.length;
  return (
    <>
      {moved > 0 && (
        <SuccessAlert title={t('path.moved', { count: moved, n: format.integer(moved) })} />
      )}
      {refused.length > 0 && (
        <>
          <ErrorAlert
            error={
              new Error(
                t('path.refused', { count: refused.length, n: format.integer(refused.length) }),
              )
            }
          />
          <Table>
            <Table.Caption>{t('path.refusedCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('eligibility.record')}</Table.Th>
                <Table.Th>{t('path.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {refused.map((r) => (
                <Table.Tr key={r.personId}>
                  <Table.Td>{recordOf(r.personId)}</Table.Td>
                  <Table.Td>{r.problem}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </>
  );
}
