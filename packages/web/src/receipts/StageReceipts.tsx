import { Anchor, Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonState, StageReceipt } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { filterPersons, NO_QUERY, type PersonQuery } from '../persons/person-filter.ts';
import { PersonFilterBar } from '../persons/PersonFilterBar.tsx';
import { PersonName } from '../persons/PersonName.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { IssueResults } from './IssueResults.tsx';
import { useIssueReceipts, useStageReceipts, type IssueResult } from './receipts.api.ts';
import { ReceiptStatus } from './ReceiptStatus.tsx';
import { StageBatch } from './StageBatch.tsx';

/** A receipt can be issued for a person handed over who has none yet. */
const isIssuable = (p: StageReceipt) => p.state === 'handed_over' && !p.receipt;

/**
 * A stage's persons and their receipts. The neutral verifier selects persons handed over and
 * issues their receipts at once, with a result for each; everyone opens a receipt to sign it.
 */
export function StageReceipts({ stageId }: { stageId: string }) {
  const { t } = useTranslation();
  const { mechanism, grant, base } = useWorkspace();
  const persons = useStageReceipts(mechanism.id, stageId);
  const issue = useIssueReceipts(mechanism.id);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [results, setResults] = useState<IssueResult[] | null>(null);
  const [query, setQuery] = useState<PersonQuery>(NO_QUERY);
  if (persons.isPending) return <Loading />;
  if (persons.error) return <ErrorAlert error={persons.error} />;
  if (persons.data.length === 0) return <Text>{t('receipts.noPersons')}</Text>;
  const isVerifier = grant.role === 'neutral_verifier';
  const issuable = persons.data.filter(isIssuable);
  const chosen = issuable.filter((p) => selected.has(p.personId));
  const isAll = issuable.length > 0 && chosen.length === issuable.length;
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const recordOf = (id: string) => persons.data.find((p) => p.personId === id)?.recordId ?? id;
  return (
    <Stack>
      <StageBatch stageId={stageId} persons={persons.data} />
      {isVerifier && (
        <Group>
          <Button
            disabled={chosen.length === 0}
            loading={issue.isPending}
            onClick={() =>
              issue.mutate(
                chosen.map((p) => p.personId),
                {
                  onSuccess: (answer) => {
                    setResults(answer);
                    setSelected(new Set());
                  },
                },
              )
            }
          >
            {t('receipts.issue', { count: chosen.length })}
          </Button>
          {issuable.length === 0 && <Text size="sm">{t('receipts.noneToIssue')}</Text>}
        </Group>
      )}
      <ErrorAlert error={issue.error} />
      {results && <IssueResults results={results} recordOf={recordOf} />}
      <PersonFilterBar query={query} sides={mechanism.parties} onChange={setQuery} />
      <Table.ScrollContainer minWidth={640}>
        <Table striped>
          <Table.Caption>{t('receipts.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {isVerifier && (
                <Table.Th>
                  <Checkbox
                    aria-label={t('receipts.selectAll')}
                    checked={isAll}
                    indeterminate={!isAll && chosen.length > 0}
                    disabled={issuable.length === 0}
                    onChange={() =>
                      setSelected(isAll ? new Set() : new Set(issuable.map((p) => p.personId)))
                    }
                  />
                </Table.Th>
              )}
              <Table.Th>{t('person.name')}</Table.Th>
              <Table.Th>{t('receipts.direction')}</Table.Th>
              <Table.Th>{t('receipts.state')}</Table.Th>
              <Table.Th>{t('receipts.receipt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {filterPersons(persons.data, query, {
              state: (s) => t(`state.${s as PersonState}`),
            }).map((p) => (
              <Table.Tr key={p.personId}>
                {isVerifier && (
                  <Table.Td>
                    {isIssuable(p) && (
                      <Checkbox
                        aria-label={t('receipts.select', { record: p.recordId })}
                        checked={selected.has(p.personId)}
                        onChange={() => toggle(p.personId)}
                      />
                    )}
                  </Table.Td>
                )}
                <Table.Td>
                  <PersonName
                    personId={p.personId}
                    recordId={p.recordId}
                    name={p.name}
                    nameLatin={p.nameLatin}
                  />
                </Table.Td>
                <Table.Td>{`${p.party} → ${p.receivingParty}`}</Table.Td>
                <Table.Td>{t(`state.${p.state}`)}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <ReceiptStatus receipt={p.receipt} />
                    {p.receipt && (
                      <Anchor component={Link} to={`${base}/receipts/${p.receipt.id}`}>
                        {t('receipts.open', { record: p.recordId })}
                      </Anchor>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
