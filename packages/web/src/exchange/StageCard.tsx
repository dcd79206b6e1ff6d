import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StageSummary } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { useFormat } from '../i18n/format.ts';
import { useCategoryName } from '../persons/names.ts';
import { filterPersons, NO_QUERY, type PersonQuery } from '../persons/person-filter.ts';
import { PersonFilterBar } from '../persons/PersonFilterBar.tsx';
import { PersonName } from '../persons/PersonName.tsx';
import { ListOverride } from './ListOverride.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useApproveStage, useStage } from './exchange.api.ts';
import { ParityTable } from './ParityTable.tsx';
import { WithdrawalResult, WithdrawButton } from './WithdrawButton.tsx';
import { useTalkTexts } from '../talks/talk-texts.ts';

/** Approval freezes the stage; then it follows its persons: executing, then completed. */
const STATUS_COLOR: Record<StageSummary['status'], string> = {
  proposed: 'gray.8',
  approved: 'blue.9',
  executing: 'orange.9',
  completed: 'teal.9',
};

/** A stage: parity per category, its persons (withdrawn with a reason), approval, manifests. */
export function StageCard({ summary }: { summary: StageSummary }) {
  const { t } = useTranslation();
  const { say } = useTalkTexts();
  const format = useFormat();
  const { mechanism, abilities, base } = useWorkspace();
  const stage = useStage(mechanism.id, summary.id);
  const approve = useApproveStage(mechanism.id);
  const isProposed = summary.status === 'proposed';
  const [withdrawal, setWithdrawal] = useState<{
    recordId: string;
    replacement: string | null;
  } | null>(null);
  const [query, setQuery] = useState<PersonQuery>(NO_QUERY);
  const categoryName = useCategoryName(mechanism.id);
  const recordOf = (id: string) => stage.data?.persons.find((p) => p.id === id)?.recordId ?? id;
  const shown = filterPersons(stage.data?.persons ?? [], query, {
    category: categoryName,
    state: (s) => t(`state.${s}` as 'state.approved'),
  });
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={3} size="h4">
            {t('stage.title', {
              number: summary.number,
              place: say(summary.place),
              date: format.date(summary.date),
            })}
          </Title>
          <Group gap="xs">
            <Badge variant="outline" color={STATUS_COLOR[summary.status]}>
              {t(`stageStatus.${summary.status}`)}
            </Badge>
            <Anchor
              component={Link}
              to={`${base}/reports?agreement=${summary.agreementId}&stage=${summary.id}`}
              size="sm"
            >
              {t('reports.ofStage', { number: summary.number })}
            </Anchor>
          </Group>
        </Group>
        <ErrorAlert error={stage.error ?? approve.error} />
        {stage.isPending && <Loading />}
        {stage.data && (
          <>
            <ParityTable parity={stage.data.parity} sides={mechanism.parties} />
            {abilities.manageExchange && isProposed && (
              <Group>
                <Button loading={approve.isPending} onClick={() => approve.mutate(summary.id)}>
                  {t('stage.approve')}
                </Button>
              </Group>
            )}
            {withdrawal && (
              <WithdrawalResult
                recordId={withdrawal.recordId}
                replacement={withdrawal.replacement && recordOf(withdrawal.replacement)}
              />
            )}
            {abilities.manageExchange &&
              (summary.status === 'approved' || summary.status === 'executing') && (
                <ListOverride stageId={summary.id} current={stage.data.listOverride} />
              )}
            {stage.data.manifests.map((m) => (
              <Anchor key={m.id} component={Link} to={`${base}/manifests/${m.id}`}>
                {t('stage.manifest', { hash: m.hash.slice(0, 16) })}
              </Anchor>
            ))}
            <PersonFilterBar query={query} sides={mechanism.parties} onChange={setQuery} />
            <Table striped>
              <Table.Caption>
                {t('stage.persons', { n: format.integer(stage.data.persons.length) })}
                {' · '}
                {t('person.filter.shown', {
                  shown: format.integer(shown.length),
                  total: format.integer(stage.data.persons.length),
                })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('person.name')}</Table.Th>
                  <Table.Th>{t('path.direction')}</Table.Th>
                  <Table.Th>{t('path.category')}</Table.Th>
                  <Table.Th>{t('path.state')}</Table.Th>
                  {abilities.manageExchange && isProposed && (
                    <Table.Th>{t('stage.action')}</Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <PersonName
                        personId={p.id}
                        recordId={p.recordId}
                        name={p.name}
                        nameLatin={p.nameLatin}
                      />
                    </Table.Td>
                    <Table.Td>{p.party}</Table.Td>
                    <Table.Td>{categoryName(p.category)}</Table.Td>
                    <Table.Td>{t(`state.${p.state}`)}</Table.Td>
                    {abilities.manageExchange && isProposed && (
                      <Table.Td>
                        <WithdrawButton
                          personId={p.id}
                          recordId={p.recordId}
                          onWithdrawn={(replacement) =>
                            setWithdrawal({ recordId: p.recordId, replacement })
                          }
                        />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        {stage.data?.persons.length === 0 && <Text>{t('stage.noPersons')}</Text>}
      </Stack>
    </Card>
  );
}
