import { Group, Pagination, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { talksAbilitiesOf } from './talks-abilities.ts';
import { useCeasefires, useViolations } from './talks.api.ts';
import type { ViolationFilter } from './talks.types.ts';
import { ViolationCharts } from './ViolationCharts.tsx';
import { ViolationImport } from './ViolationImport.tsx';
import { ViolationsTable } from './ViolationsTable.tsx';
import { useTalkTexts } from './talk-texts.ts';

const FILTERS = ['ceasefire', 'sector', 'from', 'to'] as const;

/** Violation reports filtered by regime, sector and days; counts per day and sector; the CSV import. */
export function ViolationsPage() {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { mechanism, grant } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(0);
  const filter: ViolationFilter = Object.fromEntries(
    FILTERS.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : [])),
  );
  const setFilter = (name: (typeof FILTERS)[number], value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
    setPage(0);
  };
  const ceasefires = useCeasefires(mechanism.id);
  const violations = useViolations(mechanism.id, filter, page);
  const regimes = (ceasefires.data ?? []).map((c) => ({ value: c.id, label: say(c.name) }));
  return (
    <Stack>
      {talksAbilitiesOf(grant).report && <ViolationImport regimes={regimes} />}
      <Group align="flex-end" role="search" aria-label={t('talks.violations.filters')}>
        <Select
          label={t('talks.violations.regime')}
          placeholder={t('talks.violations.anyRegime')}
          data={regimes}
          value={filter.ceasefire ?? null}
          onChange={(v) => setFilter('ceasefire', v)}
          clearable
          w={320}
        />
        <TextInput
          label={t('talks.violations.sector')}
          defaultValue={filter.sector ?? ''}
          onBlur={(e) => setFilter('sector', e.currentTarget.value.trim())}
          onKeyDown={(e) => e.key === 'Enter' && setFilter('sector', e.currentTarget.value.trim())}
        />
        <TextInput
          type="date"
          label={t('talks.violations.from')}
          value={filter.from ?? ''}
          onChange={(e) => setFilter('from', e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('talks.violations.to')}
          value={filter.to ?? ''}
          onChange={(e) => setFilter('to', e.currentTarget.value)}
        />
      </Group>
      <ViolationCharts filter={filter} />
      <ErrorAlert error={violations.error ?? ceasefires.error} />
      {violations.isPending && <Loading />}
      {violations.data && (
        <>
          <Text size="sm" aria-live="polite">
            {t('talks.violations.total', {
              count: violations.data.total,
              n: format.integer(violations.data.total),
            })}
          </Text>
          {violations.data.items.length > 0 && (
            <ViolationsTable items={violations.data.items} regimes={ceasefires.data ?? []} />
          )}
          {violations.data.total > 50 && (
            <Pagination
              total={Math.ceil(violations.data.total / 50)}
              value={page + 1}
              onChange={(p) => setPage(p - 1)}
              getControlProps={(control) => ({
                'aria-label': t(`talks.violations.page.${control}`),
              })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
