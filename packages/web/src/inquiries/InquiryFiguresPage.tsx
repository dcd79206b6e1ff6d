import { SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { FirstAnswerCard } from './FirstAnswerCard.tsx';
import { useInquiryFigures, type InquiryFigures } from './figures.api.ts';
import { StatusesOverTimeCard } from './StatusesOverTimeCard.tsx';

const TOTAL = 'total';

/** The figures of families' inquiries, per party and in all, as the reader's role may see them. */
export function InquiryFiguresPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const [unit, setUnit] = useState<InquiryFigures['unit']>('week');
  const [whose, setWhose] = useState(TOTAL);
  const figures = useInquiryFigures(mechanism.id, unit);
  const data = figures.data;
  const shown = data?.parties.find((p) => p.party === whose) ?? data?.total;
  return (
    <Stack>
      <PageHeader
        title={t('inquiries.figures.title')}
        subtitle={
          data
            ? `${t(`inquiries.figures.counted.${data.counted}`)} ${t('inquiries.figures.asOf', { at: format.dateTime(data.generatedAt) })}`
            : undefined
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
        {data && data.parties.length > 1 && (
          <Select
            label={t('inquiries.figures.whose')}
            data={[
              { value: TOTAL, label: t('inquiries.figures.total') },
              ...data.parties.map((p) => ({ value: p.party, label: p.party })),
            ]}
            value={whose}
            onChange={(value) => setWhose(value ?? TOTAL)}
            allowDeselect={false}
          />
        )}
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('inquiries.figures.unitLabel')}
          </Text>
          <SegmentedControl
            w="fit-content"
            value={unit}
            onChange={(value) => setUnit(value === 'day' || value === 'month' ? value : 'week')}
            data={(['day', 'week', 'month'] as const).map((u) => ({
              value: u,
              label: t(`inquiries.figures.unit.${u}`),
            }))}
          />
        </Stack>
      </SimpleGrid>
      <ErrorAlert error={figures.error} />
      {figures.isPending && <Loading />}
      {shown && (
        <>
          <StatusesOverTimeCard series={shown.series} />
          <FirstAnswerCard firstAnswer={shown.firstAnswer} />
        </>
      )}
    </Stack>
  );
}
