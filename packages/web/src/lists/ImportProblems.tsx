import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LineProblem } from '../api/types.ts';

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
