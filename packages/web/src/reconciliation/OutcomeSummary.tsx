import { BarChart } from '@mantine/charts';
import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OUTCOMES, type ReconciliationStatus, type Run } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';

const COLORS = {
  acknowledged: 'teal.6',
  possible: 'yellow.6',
  not_acknowledged: 'red.6',
  unrequested: 'gray.6',
} as const;

type Summary = NonNullable<ReconciliationStatus['summary']>;

/** The four outcomes of every list's lines in the latest finished run, as a chart and a table. */
export function OutcomeSummary({ run, summary }: { run: Run; summary: Summary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const lists = [...new Set(summary.outcomes.map((o) => `${o.party_code}|${o.kind}`))];
  const labelOf = (list: string) => {
    const [party = '', kind = ''] = list.split('|');
    return t(`lists.title.${kind === 'held' ? 'held' : 'sought'}`, { party });
  };
  const count = (list: string, outcome: string) =>
    summary.outcomes.find((o) => `${o.party_code}|${o.kind}` === list && o.outcome === outcome)
      ?.n ?? 0;
  const data = lists.map((list) => ({
    list: labelOf(list),
    ...Object.fromEntries(OUTCOMES.map((o) => [o, count(list, o)])),
  }));
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('reconciliation.outcomes', { at: format.dateTime(run.finishedAt) })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('reconciliation.outcomesHelp')}
        </Text>
        {/* Side by side only where the table's four outcome columns fit beside the chart. */}
        <SimpleGrid cols={{ base: 1, xl: 2 }}>
          <BarChart
            h={260}
            data={data}
            dataKey="list"
            type="stacked"
            withLegend
            valueFormatter={format.integer}
            series={OUTCOMES.map((o) => ({ name: o, label: t(`outcome.${o}`), color: COLORS[o] }))}
            barChartProps={{ accessibilityLayer: false }}
            aria-hidden
          />
          <Table>
            <Table.Caption>{t('reconciliation.outcomesTable')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reconciliation.list')}</Table.Th>
                {OUTCOMES.map((o) => (
                  <Table.Th key={o} ta="right">
                    {t(`outcome.${o}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lists.map((list) => (
                <Table.Tr key={list}>
                  <Table.Th scope="row">{labelOf(list)}</Table.Th>
                  {OUTCOMES.map((o) => (
                    <Table.Td key={o} ta="right">
                      {format.integer(count(list, o))}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </SimpleGrid>
        <Text size="sm">
          {summary.pairs
            .map((p) =>
              t('reconciliation.pairCount', {
                kind: t(`pairKind.${p.kind === 'duplicate' ? 'duplicate' : 'link'}`),
                status: t(`pairStatus.${p.status}`),
                n: format.integer(p.n),
              }),
            )
            .join(' · ')}
        </Text>
      </Stack>
    </Card>
  );
}
