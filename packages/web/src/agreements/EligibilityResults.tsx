import { Badge, Group, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ELIGIBILITY_OUTCOMES,
  type EligibilityResult,
  type ListCounts,
  type Outcome3,
} from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { useWorkspace } from '../session/workspace.tsx';
import { useEligibilityResults } from './agreements.api.ts';

const PAGE = 50;
const OUTCOME_COLOR: Record<Outcome3, string> = {
  eligible: 'teal.9',
  not_eligible: 'gray.8',
  undetermined: 'violet.9',
};

function ResultRow({ result }: { result: EligibilityResult }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td>{result.recordId}</Table.Td>
      <Table.Td>
        <Badge color={OUTCOME_COLOR[result.outcome]}>
          {t(`eligibilityOutcome.${result.outcome}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{result.decidedBy ?? '—'}</Table.Td>
      <Table.Td>{result.clause ?? '—'}</Table.Td>
      <Table.Td>{result.missing.join(', ') || '—'}</Table.Td>
    </Table.Tr>
  );
}

/** Each person's result on one list: the outcome, the deciding clause and what was missing. */
export function EligibilityResults({
  agreementId,
  version,
  lists,
}: {
  agreementId: string;
  version: number;
  lists: ListCounts[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const options = lists.map((l) => ({
    value: `${l.party}/${l.kind}`,
    label: t(`lists.title.${l.kind}`, { party: l.party }),
  }));
  const [list, setList] = useState(options[0]?.value ?? '');
  const [outcome, setOutcome] = useState<Outcome3 | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [party = '', kind] = list.split('/');
  const results = useEligibilityResults(mechanism.id, agreementId, {
    version,
    party,
    kind: kind === 'sought' ? 'sought' : 'held',
    outcome,
    offset: (page - 1) * PAGE,
  });
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('eligibility.perPerson')}
      </Title>
      <Group>
        <Select
          label={t('eligibility.list')}
          data={options}
          value={list}
          onChange={(v) => {
            setList(v ?? '');
            setPage(1);
          }}
          allowDeselect={false}
        />
        <Select
          label={t('eligibility.outcome')}
          data={ELIGIBILITY_OUTCOMES.map((o) => ({
            value: o,
            label: t(`eligibilityOutcome.${o}`),
          }))}
          value={outcome ?? null}
          placeholder={t('eligibility.anyOutcome')}
          clearable
          onChange={(v) => {
            setOutcome(v ?? undefined);
            setPage(1);
          }}
        />
      </Group>
      <ErrorAlert error={results.error} />
      {results.isPending && <Loading />}
      {results.data && (
        <>
          <Text size="sm" aria-live="polite">
            {t('eligibility.results', {
              count: results.data.total,
              n: format.integer(results.data.total),
            })}
          </Text>
          <Table.ScrollContainer minWidth={700}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('eligibility.record')}</Table.Th>
                  <Table.Th>{t('eligibility.outcome')}</Table.Th>
                  <Table.Th>{t('eligibility.decidedBy')}</Table.Th>
                  <Table.Th>{t('agreement.clause')}</Table.Th>
                  <Table.Th>{t('eligibility.missing')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.data.items.map((r) => (
                  <ResultRow key={r.recordId} result={r} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pagination
            total={Math.ceil(results.data.total / PAGE)}
            value={page}
            onChange={setPage}
            getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
          />
        </>
      )}
    </Stack>
  );
}
