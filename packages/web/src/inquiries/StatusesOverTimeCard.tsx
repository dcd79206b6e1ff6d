import { AreaChart } from '@mantine/charts';
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import type { FiguresPoint } from './figures.api.ts';
import { INQUIRY_STATUSES } from './inquiries.api.ts';

const COLOURS = ['gray.6', 'yellow.7', 'blue.6', 'cyan.7', 'teal.6', 'grape.6', 'dark.3'];

/**
 * Inquiries by status at the end of each period, as a stacked chart; the table below it says the
 * latest counts for screen readers, which the chart is hidden from.
 */
export function StatusesOverTimeCard({ series }: { series: readonly FiguresPoint[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const rows = useMemo(() => {
    const day = new Intl.DateTimeFormat(i18n.language, {
      day: 'numeric',
      month: 'short',
      year: '2-digit',
      timeZone: 'UTC',
    });
    return series.map((point) => ({ at: day.format(new Date(point.at)), ...point.counts }));
  }, [series, i18n.language]);
  const latest = series.at(-1);
  return (
    <Card withBorder data-testid="chart-inquiry-statuses">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('inquiries.figures.byStatus')}
        </Title>
        {series.length === 0 ? (
          <Text>{t('inquiries.figures.none')}</Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('inquiries.figures.byStatusHelp')}
            </Text>
            <AreaChart
              h={280}
              data={rows}
              dataKey="at"
              type="stacked"
              withLegend
              valueFormatter={format.integer}
              series={INQUIRY_STATUSES.map((s, i) => ({
                name: s,
                label: t(`inquiries.status.${s}`),
                color: COLOURS[i]!,
              }))}
              areaChartProps={{ accessibilityLayer: false }}
              aria-hidden
            />
            {latest && (
              <Table aria-label={t('inquiries.figures.latest')}>
                <Table.Caption>
                  {t('inquiries.figures.latestOn', { at: format.date(latest.at) })}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('inquiries.statusTitle')}</Table.Th>
                    <Table.Th ta="right">{t('inquiries.figures.inquiries')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {INQUIRY_STATUSES.map((s) => (
                    <Table.Tr key={s}>
                      <Table.Th scope="row">{t(`inquiries.status.${s}`)}</Table.Th>
                      <Table.Td ta="right">{format.integer(latest.counts[s] ?? 0)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
