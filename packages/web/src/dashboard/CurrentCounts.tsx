import { Card, SimpleGrid, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PERSON_STATES } from '../api/exchange.types.ts';
import { useFormat } from '../i18n/format.ts';
import type { Count } from './dashboard.api.ts';
import { useLabels } from './labels.ts';

function CountsTable({
  title,
  counts,
  sides,
  order,
  labelOf,
}: {
  title: string;
  counts: readonly Count[];
  sides: readonly string[];
  order: readonly string[];
  labelOf: (key: string) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const present = new Set(counts.map((c) => c.key));
  const keys = [
    ...order.filter((k) => present.has(k)),
    ...[...present].filter((k) => !order.includes(k)).sort(),
  ];
  const count = (party: string, key: string) =>
    counts.find((c) => c.party === party && c.key === key)?.count ?? 0;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{title}</Table.Th>
            {sides.map((side) => (
              <Table.Th key={side} scope="col" ta="right">
                {t('dashboard.heldBy', { party: side })}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key}>
              <Table.Th scope="row" fw={400}>
                {labelOf(key)}
              </Table.Th>
              {sides.map((side) => (
                <Table.Td key={side} ta="right">
                  {format.integer(count(side, key))}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Persons on the path now, by state and by category, for each side the reader counts. */
export function CurrentCounts({
  byState,
  byCategory,
  sides,
  categoryName,
}: {
  byState: readonly Count[];
  byCategory: readonly Count[];
  sides: readonly string[];
  categoryName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <CountsTable
        title={t('dashboard.byState')}
        counts={byState}
        sides={sides}
        order={PERSON_STATES}
        labelOf={labels.state}
      />
      <CountsTable
        title={t('dashboard.byCategory')}
        counts={byCategory}
        sides={sides}
        order={[]}
        labelOf={categoryName}
      />
    </SimpleGrid>
  );
}
