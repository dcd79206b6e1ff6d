import {
  Anchor,
  Badge,
  Button,
  Container,
  Group,
  List,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { Loading } from '../common/Loading.tsx';
import { PageHeader } from '../common/PageHeader.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { OfflineBatch } from './OfflineBatch.tsx';
import { OfflineConflicts } from './OfflineConflicts.tsx';
import { unsyncedBatchSignatures } from './offline-batch.ts';
import { OfflinePersonsTable } from './OfflinePersonsTable.tsx';
import { signPending, syncStage } from './offline.api.ts';
import { offlineTextsIn } from './offline-texts.ts';
import {
  useManifestCheck,
  useOfflineStage,
  useOnline,
  useQueuedActions,
  useRefreshOffline,
} from './use-offline.ts';

/** The local time of now, as a datetime-local field holds it. */
const localNow = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** The signed manifest, checked in this browser, and what is wrong with it if anything. */
function ManifestCheck({ stageId, hash }: { stageId: string; hash: string | null }) {
  const { t } = useTranslation();
  const check = useManifestCheck(stageId);
  if (!hash) return <ErrorAlert error={new Error(t('offline.noManifest'))} />;
  if (!check.data) return null;
  if (check.data.length === 0)
    return <SuccessAlert title={t('offline.manifestVerified', { hash: hash.slice(0, 16) })} />;
  return (
    <Stack gap={4}>
      <ErrorAlert error={new Error(t('offline.manifestNotVerified'))} />
      <List size="sm">
        {check.data.map((p, i) => (
          <List.Item key={i}>
            {t(`offline.problem.${p.code}`, {
              signer: p.signer ?? '',
              role: p.role ? t(`role.${p.role}`) : '',
              party: p.party ?? '',
            })}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/**
 * One stage's work at the handover point, from this browser's IndexedDB: checks against the
 * signed manifest, handovers, refusals and arrivals recorded with their times, signed with the
 * browser key, and synced when the network is back, with the conflicts to resolve.
 */
export function OfflineStagePage() {
  const { t, i18n } = useTranslation();
  const { stage: stageId = '' } = useParams();
  const isOnline = useOnline();
  const refresh = useRefreshOffline();
  const stage = useOfflineStage(stageId);
  const actions = useQueuedActions(stageId).data ?? [];
  const [handover, setHandover] = useState<{ at: string; place: string } | null>(null);
  const sign = useMutation({
    mutationFn: () => signPending(stage.data!),
    onSettled: refresh,
    networkMode: 'always',
  });
  const sync = useMutation({
    mutationFn: () => syncStage(stage.data!),
    onSettled: refresh,
    networkMode: 'always',
  });
  if (stage.isPending) return <Loading />;
  if (!stage.data)
    return (
      <Container size="sm" py="xl" component="main">
        <ErrorAlert error={new Error(t('offline.notKept'))} />
        <Anchor component={Link} to="/offline">
          {t('offline.allStages')}
        </Anchor>
      </Container>
    );
  const s = stage.data;
  const said = offlineTextsIn(s, i18n.language);
  const form = handover ?? { at: localNow(), place: s.stage.place };
  const unsigned = actions.filter((a) => a.record === null).length;
  const waiting = actions.filter((a) => a.record !== null && a.answer === null).length;
  const batchWaiting = unsyncedBatchSignatures(s).length;
  return (
    <Container size="xl" py="md" component="main">
      <PageHeader
        title={t('offline.stageTitle', { number: s.stage.number, place: said.place })}
        subtitle={t('offline.stageSubtitle', {
          mechanism: said.mechanism,
          date: s.stage.date,
          role: t(`role.${s.signer.role}`),
          party: s.signer.party ?? '',
        })}
        actions={
          <Group gap="xs">
            <Badge color={isOnline ? 'blue.9' : 'red.9'} variant="filled">
              {isOnline ? t('offline.online') : t('offline.offline')}
            </Badge>
            <Anchor component={Link} to="/offline">
              {t('offline.allStages')}
            </Anchor>
          </Group>
        }
      />
      <Stack gap="md">
        <ManifestCheck stageId={stageId} hash={s.manifest?.hash ?? null} />
        <Group align="flex-end">
          <TextInput
            type="datetime-local"
            label={t('offline.when')}
            value={form.at}
            onChange={(e) => setHandover({ ...form, at: e.currentTarget.value })}
          />
          <TextInput
            label={t('offline.where')}
            value={form.place}
            onChange={(e) => setHandover({ ...form, place: e.currentTarget.value })}
          />
        </Group>
        <OfflinePersonsTable stage={s} actions={actions} handover={form} />
        <OfflineBatch stage={s} />
        <Group>
          <Button disabled={unsigned === 0} loading={sign.isPending} onClick={() => sign.mutate()}>
            {t('offline.sign', { count: unsigned })}
          </Button>
          <Button
            variant="default"
            disabled={!isOnline || waiting + batchWaiting === 0}
            loading={sync.isPending}
            onClick={() => sync.mutate()}
          >
            {waiting === 0 && batchWaiting > 0
              ? t('offline.batch.sync')
              : t('offline.sync', { count: waiting })}
          </Button>
        </Group>
        <Text size="sm">{t('offline.queued', { unsigned, waiting })}</Text>
        {batchWaiting > 0 && <Text size="sm">{t('offline.batch.waiting')}</Text>}
        <ErrorAlert error={sign.error ?? sync.error} />
        {sync.data && (
          <SuccessAlert
            title={t('offline.synced', {
              applied: sync.data.applied,
              conflicts: sync.data.conflicts,
            })}
          >
            {sync.data.batches > 0 ? t('offline.batch.applied') : null}
          </SuccessAlert>
        )}
        <OfflineConflicts stage={s} actions={actions} />
      </Stack>
    </Container>
  );
}
