import { Badge, Progress, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Parity } from '../api/exchange.types.ts';
import { useFormat } from '../i18n/format.ts';
import { useCategoryName } from '../persons/names.ts';
import { useWorkspace } from '../session/workspace.tsx';

/**
 * Persons per category and side, with a meter of each side's share and whether it balances; under
 * all for all, which asks no parity, the numbers as they stand and no verdict.
 */
export function ParityTable({ parity, sides }: { parity: Parity; sides: readonly string[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const categoryName = useCategoryName(useWorkspace().mechanism.id);
  const verdict = (isBalanced: boolean) =>
    !parity.isRequired
      ? t('stage.noParityAsked')
      : isBalanced
        ? t('stage.balanced')
        : t('stage.notBalanced');
  return (
    <Table>
      <Table.Caption>{verdict(parity.isBalanced)}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('path.category')}</Table.Th>
          {sides.map((side) => (
            <Table.Th key={side}>{t('stage.from', { party: side })}</Table.Th>
          ))}
          <Table.Th>{t('stage.parity')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {parity.rows.map((row) => {
          const total = sides.reduce((sum, s) => sum + (row.bySide[s] ?? 0), 0);
          const first = total > 0 ? (100 * (row.bySide[sides[0] ?? ''] ?? 0)) / total : 50;
          return (
            <Table.Tr key={row.category}>
              <Table.Td>{categoryName(row.category)}</Table.Td>
              {sides.map((side) => (
                <Table.Td key={side}>{format.integer(row.bySide[side] ?? 0)}</Table.Td>
              ))}
              <Table.Td>
                <Progress
                  value={first}
                  aria-label={t('stage.meter', { category: categoryName(row.category) })}
                  mb={4}
                />
                {parity.isRequired && (
                  <Badge color={row.isBalanced ? 'teal.9' : 'red.9'}>
                    {verdict(row.isBalanced)}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
