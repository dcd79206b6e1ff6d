import { BarChart } from '@mantine/charts';
import { Card, SimpleGrid, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { useViolationCounts } from './talks.api.ts';
import type { ViolationFilter } from './talks.types.ts';
import { useTalkTexts } from './talk-texts.ts';

/** Reports and events per day and per sector, each chart with its table for screen readers. */
export function ViolationCharts({ filter }: { filter: ViolationFilter }) {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const counts = useViolationCounts(mechanism.id, filter);
  if (counts.error) return <ErrorAlert error={counts.error} />;
  if (!counts.data || counts.data.perDay.length === 0) return null;
  const series = [
    { name: 'reports', label: t('talks.violations.reports'), color: 'blue.7' },
    { name: 'events', label: t('talks.violations.events'), color: 'orange.7' },
  ];
  const perDay = counts.data.perDay.map((d) => ({ ...d, label: format.date(d.day) }));
  const chart = (
    title: string,
    data: Array<Record<string, string | number>>,
    dataKey: string,
    first: string,
  ) => (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {title}
        </Title>
        <BarChart
          h={220}
          data={data}
          dataKey={dataKey}
          series={series}
          withLegend
          valueFormatter={format.integer}
          barChartProps={{ accessibilityLayer: false }}
          aria-hidden
        />
        <Table.ScrollContainer minWidth={300} mah={200}>
          <Table striped>
            <Table.Caption>{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{first}</Table.Th>
                <Table.Th ta="right">{t('talks.violations.reports')}</Table.Th>
                <Table.Th ta="right">{t('talks.violations.events')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.map((row) => (
                <Table.Tr key={String(row[dataKey])}>
                  <Table.Td>{row[dataKey]}</Table.Td>
                  <Table.Td ta="right">{format.integer(Number(row.reports))}</Table.Td>
                  <Table.Td ta="right">{format.integer(Number(row.events))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      {chart(t('talks.violations.perDay'), perDay, 'label', t('talks.violations.day'))}
      {chart(
        t('talks.violations.perSector'),
        counts.data.perSector.map((s) => ({ ...s, sector: say(s.sector) })),
        'sector',
        t('talks.violations.sector'),
      )}
    </SimpleGrid>
  );
}
