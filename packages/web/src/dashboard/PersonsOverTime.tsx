import { AreaChart, LineChart } from '@mantine/charts';
import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_STATES } from '../api/exchange.types.ts';
import { useFormat } from '../i18n/format.ts';
import type { SeriesPoint } from './dashboard.api.ts';
import { useLabels } from './labels.ts';

const PALETTE = [
  'blue.6',
  'teal.6',
  'grape.6',
  'orange.6',
  'cyan.7',
  'lime.7',
  'indigo.6',
  'pink.6',
  'yellow.7',
  'violet.6',
  'green.7',
  'red.6',
  'gray.6',
];

/** The keys that occur in a series, in the order given (states in path order), then the rest. */
function keysOf(series: readonly SeriesPoint[], order: readonly string[] = []): string[] {
  const present = new Set(series.flatMap((p) => Object.keys(p.counts)));
  return [
    ...order.filter((k) => present.has(k)),
    ...[...present].filter((k) => !order.includes(k)).sort(),
  ];
}

function useRows(series: readonly SeriesPoint[], keys: readonly string[]) {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const moment = new Intl.DateTimeFormat(i18n.language, {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    return series.map((point) => ({
      at: moment.format(new Date(point.at)),
      ...Object.fromEntries(keys.map((k) => [k, point.counts[k] ?? 0])),
    }));
  }, [series, keys, i18n.language]);
}

/**
 * Persons by state and by category over time, as charts. The charts are pictures of the counts
 * in the tables below them, which screen readers read instead.
 */
export function PersonsOverTime({
  byState,
  byCategory,
  categoryName,
}: {
  byState: readonly SeriesPoint[];
  byCategory: readonly SeriesPoint[];
  categoryName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const states = keysOf(byState, PERSON_STATES);
  const categories = keysOf(byCategory);
  const stateRows = useRows(byState, states);
  const categoryRows = useRows(byCategory, categories);
  const colour = (i: number) => PALETTE[i % PALETTE.length]!;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Card withBorder data-testid="chart-states">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('dashboard.byStateOverTime')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('dashboard.overTimeHelp')}
          </Text>
          <AreaChart
            h={260}
            data={stateRows}
            dataKey="at"
            type="stacked"
            withLegend
            valueFormatter={format.integer}
            series={states.map((s, i) => ({ name: s, label: labels.state(s), color: colour(i) }))}
            areaChartProps={{ accessibilityLayer: false }}
            aria-hidden
          />
        </Stack>
      </Card>
      <Card withBorder data-testid="chart-categories">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('dashboard.byCategoryOverTime')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('dashboard.overTimeHelp')}
          </Text>
          <LineChart
            h={260}
            data={categoryRows}
            dataKey="at"
            withLegend
            valueFormatter={format.integer}
            series={categories.map((c, i) => ({
              name: c,
              label: categoryName(c),
              color: colour(i + 3),
            }))}
            lineChartProps={{ accessibilityLayer: false }}
            aria-hidden
          />
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
