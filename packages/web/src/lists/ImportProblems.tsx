import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import type { LineProblem } from '../api/types.ts';

/** The problems of a file refused whole (a list, a file of bags), from the 422 answer's details. */
export interface Rejection {
  errors: LineProblem[];
  warnings: LineProblem[];
}

/** The rejection an error carries, if it is a refused file's. */
export function rejectionOf(error: unknown): Rejection | null {
  if (!(error instanceof ApiError) || error.code !== 'REGISTRY.IMPORT_REJECTED') return null;
  const details = error.details as Partial<Rejection> | undefined;
  return { errors: details?.errors ?? [], warnings: details?.warnings ?? [] };
}

/** Every problem the import found, by line and column, as the server named them. */
export function ImportProblems({
  problems,
  caption,
}: {
  problems: LineProblem[];
  caption: string;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={600} mah={420}>
      <Table striped withTableBorder stickyHeader>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('upload.line')}</Table.Th>
            <Table.Th>{t('upload.column')}</Table.Th>
            <Table.Th>{t('upload.problem')}</Table.Th>
            <Table.Th>{t('upload.value')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {problems.map((p, i) => (
            <Table.Tr key={`${p.line}-${p.column ?? ''}-${i}`}>
              <Table.Td>{p.line}</Table.Td>
              <Table.Td>{p.column ?? '—'}</Table.Td>
              <Table.Td>{p.message}</Table.Td>
              <Table.Td ff="monospace">{p.value ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
