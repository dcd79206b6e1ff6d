import { BarChart } from '@mantine/charts';
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import type { FirstAnswer } from './figures.api.ts';

/** The days from an inquiry to its first answer: how many were answered, the median, the spread. */
export function FirstAnswerCard({ firstAnswer }: { firstAnswer: FirstAnswer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = firstAnswer.distribution.map((d, i, all) => {
    const from = i === 0 ? 0 : (all[i - 1]!.upToDays ?? 0) + 1;
    return {
      label:
        d.upToDays === null
          ? t('inquiries.figures.moreThan', { days: all[i - 1]?.upToDays ?? 0 })
          : t('inquiries.figures.between', { from, to: d.upToDays }),
      count: d.count,
    };
  });
  return (
    <Card withBorder data-testid="chart-first-answer">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('inquiries.figures.firstAnswer')}
        </Title>
        <Text>
          {t('inquiries.figures.answered', {
            answered: format.integer(firstAnswer.answered),
            count: firstAnswer.inquiries,
            n: format.integer(firstAnswer.inquiries),
          })}{' '}
          {firstAnswer.medianDays === null
            ? ''
            : t('inquiries.figures.median', {
                count: Math.round(firstAnswer.medianDays),
                days: format.decimal(firstAnswer.medianDays),
              })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('inquiries.figures.firstAnswerHelp')}
        </Text>
        {firstAnswer.answered > 0 && (
          <BarChart
            h={220}
            data={rows}
            dataKey="label"
            valueFormatter={format.integer}
            series={[{ name: 'count', label: t('inquiries.figures.inquiries'), color: 'blue.7' }]}
            barChartProps={{ accessibilityLayer: false }}
            aria-hidden
          />
        )}
        <Table aria-label={t('inquiries.figures.firstAnswer')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('inquiries.figures.days')}</Table.Th>
              <Table.Th ta="right">{t('inquiries.figures.inquiries')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Th scope="row">{row.label}</Table.Th>
                <Table.Td ta="right">{format.integer(row.count)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
