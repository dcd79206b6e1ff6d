import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StageManifest } from '../api/exchange.types.ts';

type ManifestPerson = StageManifest['persons'][number];
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { recordAction } from './offline.api.ts';
import type { OfflinePerson, OfflineStage, QueuedAction } from './offline-store.ts';
import { useRefreshOffline } from './use-offline.ts';

/** What has been recorded of one person here, newest last, with where each record stands. */
function Recorded({ actions }: { actions: QueuedAction[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      {actions.map((a) => (
        <Text key={a.clientId} size="xs">
          {t(`offline.kind.${a.kind}`)}
          {a.kind === 'check' && a.matches !== undefined
            ? `: ${t(a.matches ? 'offline.matches' : 'offline.differs')}`
            : ''}{' '}
          ·{' '}
          {a.answer
            ? t(`offline.answer.${a.answer.outcome}`)
            : a.record
              ? t('offline.signedWaiting')
              : t('offline.notSigned')}
        </Text>
      ))}
    </Stack>
  );
}

/** The person's entry in the signed manifest, to check against the person standing there. */
function ManifestEntry({ entry }: { entry: ManifestPerson | undefined }) {
  const { t } = useTranslation();
  if (!entry) return <Text size="xs">{t('offline.notInManifest')}</Text>;
  return (
    <Text size="xs">
      {[entry.rank, entry.dateOfBirth, entry.serviceNumber].filter(Boolean).join(' · ')}
    </Text>
  );
}

/**
 * The stage's persons, each with their manifest entry, and the steps the signer's role records
 * here: a check against the manifest for both; a handover and a refusal for the verifier; the
 * arrival for the receiving officer. Each is kept at once in IndexedDB.
 */
export function OfflinePersonsTable({
  stage,
  actions,
  handover,
}: {
  stage: OfflineStage;
  actions: QueuedAction[];
  /** The time (local, from the form) and place a handover is recorded with. */
  handover: { at: string; place: string };
}) {
  const { t } = useTranslation();
  const refresh = useRefreshOffline();
  const [error, setError] = useState<unknown>(null);
  const [refusing, setRefusing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const isVerifier = stage.signer.role === 'neutral_verifier';
  const entries = new Map(
    (stage.manifest?.document.persons ?? []).map((p) => [`${p.from}/${p.recordId}`, p]),
  );
  const mine = (p: OfflinePerson) => isVerifier || p.receivingParty === stage.signer.party;
  const record = async (input: Parameters<typeof recordAction>[1]) => {
    setError(null);
    try {
      await recordAction(stage, input);
      await refresh();
    } catch (e) {
      setError(e);
    }
  };
  const at = () => new Date(handover.at || Date.now()).toISOString();
  return (
    <Stack gap="xs">
      <ErrorAlert error={error} />
      <Table.ScrollContainer minWidth={800}>
        <Table striped>
          <Table.Caption>{t('offline.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('offline.person')}</Table.Th>
              <Table.Th>{t('receipts.direction')}</Table.Th>
              <Table.Th>{t('offline.manifestEntry')}</Table.Th>
              <Table.Th>{t('offline.stateTaken')}</Table.Th>
              <Table.Th>{t('offline.recorded')}</Table.Th>
              <Table.Th>{t('offline.record')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stage.persons.filter(mine).map((p) => {
              const who = p.name ?? p.nameLatin ?? p.recordId;
              return (
                <Table.Tr key={p.personId}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {who}
                    </Text>
                    {who !== p.recordId && <Text size="xs">{p.recordId}</Text>}
                  </Table.Td>
                  <Table.Td>
                    {p.party} → {p.receivingParty}
                  </Table.Td>
                  <Table.Td>
                    <ManifestEntry entry={entries.get(`${p.party}/${p.recordId}`)} />
                  </Table.Td>
                  <Table.Td>{t(`state.${p.state}`, { defaultValue: p.state })}</Table.Td>
                  <Table.Td>
                    <Recorded actions={actions.filter((a) => a.personId === p.personId)} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Button
                        size="compact-xs"
                        variant="default"
                        aria-label={t('offline.matchesFor', { who })}
                        onClick={() =>
                          void record({ kind: 'check', personId: p.personId, matches: true })
                        }
                      >
                        {t('offline.matches')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="default"
                        aria-label={t('offline.differsFor', { who })}
                        onClick={() =>
                          void record({ kind: 'check', personId: p.personId, matches: false })
                        }
                      >
                        {t('offline.differs')}
                      </Button>
                      {isVerifier ? (
                        <>
                          <Button
                            size="compact-xs"
                            aria-label={t('offline.handOverFor', { who })}
                            onClick={() =>
                              void record({
                                kind: 'handover',
                                personId: p.personId,
                                at: at(),
                                place: handover.place,
                              })
                            }
                          >
                            {t('offline.handOver')}
                          </Button>
                          <Button
                            size="compact-xs"
                            color="red"
                            variant="light"
                            aria-label={t('offline.refusesFor', { who })}
                            onClick={() => {
                              setRefusing(p.personId);
                              setReason('');
                            }}
                          >
                            {t('offline.refuses')}
                          </Button>
                        </>
                      ) : (
                        <Button
                          size="compact-xs"
                          aria-label={t('offline.receivedFor', { who })}
                          onClick={() =>
                            void record({
                              kind: 'received',
                              personId: p.personId,
                              at: at(),
                              place: handover.place,
                            })
                          }
                        >
                          {t('offline.received')}
                        </Button>
                      )}
                    </Group>
                    {refusing === p.personId && (
                      <Group gap={4} mt={4} align="flex-end">
                        <TextInput
                          size="xs"
                          label={t('offline.reason')}
                          value={reason}
                          onChange={(e) => setReason(e.currentTarget.value)}
                        />
                        <Button
                          size="compact-xs"
                          color="red"
                          disabled={reason.trim().length < 3}
                          onClick={() => {
                            setRefusing(null);
                            void record({
                              kind: 'refusal',
                              personId: p.personId,
                              reason: reason.trim(),
                            });
                          }}
                        >
                          {t('offline.recordRefusal')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
