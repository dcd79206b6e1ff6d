import { Badge, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Run, RunStatus } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';

const COLOR: Record<RunStatus, string> = {
  queued: 'gray.7',
  running: 'blue',
  done: 'teal.9',
  failed: 'red.9',
};

/** One run: its state, phase and progress, and which list versions it reconciles. */
export function RunProgress({ run }: { run: Run }) {
  const { t } = useTranslation();
  const format = useFormat();
  const isActive = run.status === 'queued' || run.status === 'running';
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600}>{t('reconciliation.latestRun')}</Text>
            <Badge color={COLOR[run.status]}>{t(`runStatus.${run.status}`)}</Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t('reconciliation.startedBy', {
              who: run.startedByName ?? run.startedBy,
              at: format.dateTime(run.createdAt),
            })}
          </Text>
        </Group>
        <Progress
          value={run.progress * 100}
          animated={isActive}
          aria-label={t('reconciliation.progress')}
        />
        <Text size="sm" aria-live="polite">
          {format.percent(run.progress)} ·{' '}
          {t(`runPhase.${run.phase.replaceAll(' ', '_')}`, { defaultValue: run.phase })}
        </Text>
        {run.error && (
          <Text c="red" size="sm" role="alert">
            {run.error}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {run.versions
            .map((v) =>
              t('reconciliation.versionOf', {
                party: v.party,
                kind: t(`kind.${v.kind === 'held' ? 'held' : 'sought'}`),
                n: v.number,
              }),
            )
            .join(' · ')}
        </Text>
      </Stack>
    </Card>
  );
}
