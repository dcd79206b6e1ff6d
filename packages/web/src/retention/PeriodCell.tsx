import { Button, Group, NumberInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { useSetPeriod, type RetentionRow } from './retention.api.ts';

/** A category's period in days, changed in place. */
export function PeriodCell({ row }: { row: RetentionRow }) {
  const { t } = useTranslation();
  const set = useSetPeriod();
  const [days, setDays] = useState<number | string>(row.days ?? '');
  const category = t(`retention.category.${row.category}`);
  return (
    <>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <NumberInput
          aria-label={t('retention.daysOf', { category })}
          placeholder={t('retention.forever')}
          min={1}
          max={36_500}
          w={120}
          value={days}
          onChange={setDays}
        />
        <Button
          size="sm"
          variant="default"
          loading={set.isPending}
          disabled={typeof days !== 'number' || days === row.days}
          onClick={() => typeof days === 'number' && set.mutate({ category: row.category, days })}
        >
          {t('retention.save', { category })}
        </Button>
      </Group>
      <ErrorAlert error={set.error} />
    </>
  );
}
