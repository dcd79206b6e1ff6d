import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { OutcomeSummary } from './OutcomeSummary.tsx';
import { useReconciliation, useStartRun } from './reconciliation.api.ts';
import { RunProgress } from './RunProgress.tsx';

/** Runs of the reconciliation of both parties' lists, with live progress and the outcomes. */
export function ReconciliationPage() {
  const { t } = useTranslation();
  const { mechanism, abilities, base } = useWorkspace();
  const status = useReconciliation(mechanism.id);
  const start = useStartRun(mechanism.id);
  const isRunning =
    status.data?.latest?.status === 'queued' || status.data?.latest?.status === 'running';
  const openPairs =
    status.data?.summary?.pairs
      .filter((p) => p.status === 'open')
      .reduce((sum, p) => sum + p.n, 0) ?? 0;
  return (
    <Stack>
      <PageHeader
        title={t('reconciliation.title')}
        subtitle={t('reconciliation.whose', { parties: mechanism.parties.join(', ') })}
        actions={
          abilities.runReconciliation && (
            <Button onClick={() => start.mutate()} loading={start.isPending} disabled={isRunning}>
              {t('reconciliation.start')}
            </Button>
          )
        }
      />
      <ErrorAlert error={start.error} />
      <ErrorAlert error={status.error} />
      {status.isPending && <Loading />}
      {status.data?.latest && <RunProgress run={status.data.latest} />}
      {status.data && !status.data.latest && <Text>{t('reconciliation.never')}</Text>}
      {status.data?.done && status.data.summary && (
        <OutcomeSummary run={status.data.done} summary={status.data.summary} />
      )}
      {abilities.decidePairs && status.data?.summary && (
        <Group>
          <Button component={Link} to={`${base}/review`} variant="light">
            {t('reconciliation.openQueue', { count: openPairs })}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
