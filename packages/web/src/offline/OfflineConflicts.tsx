import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { acceptServer, RETRYABLE, retryAction } from './offline.api.ts';
import type { OfflineStage, QueuedAction } from './offline-store.ts';
import { useRefreshOffline } from './use-offline.ts';

/**
 * What the server did not apply, each with what was recorded here and what the server holds: the
 * user keeps the server's record, or, where another's step may since have made room for it (the
 * verifier's handover, the receipt's signatures), records it again to sign and sync. Either way
 * the conflicting action stays in this browser, marked, as its row stays on the server.
 */
export function OfflineConflicts({
  stage,
  actions,
}: {
  stage: OfflineStage;
  actions: QueuedAction[];
}) {
  const { t } = useTranslation();
  const refresh = useRefreshOffline();
  const conflicting = actions.filter((a) => a.answer?.outcome === 'conflict');
  const open = conflicting.filter((a) => !a.dismissed && !a.retriedAs);
  const resolved = conflicting.length - open.length;
  if (conflicting.length === 0) return null;
  if (open.length === 0) return <Text size="sm">{t('offline.resolved', { count: resolved })}</Text>;
  const nameOf = (id: string) => {
    const p = stage.persons.find((q) => q.personId === id);
    return p?.name ?? p?.nameLatin ?? p?.recordId ?? id;
  };
  return (
    <Stack gap="xs">
      <Title order={2} size="h4" id="offline-conflicts">
        {t('offline.conflicts', { count: open.length })}
      </Title>
      <Table aria-labelledby="offline-conflicts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('offline.person')}</Table.Th>
            <Table.Th>{t('offline.youRecorded')}</Table.Th>
            <Table.Th>{t('offline.serverSays')}</Table.Th>
            <Table.Th>{t('offline.resolve')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {open.map((a) => (
            <Table.Tr key={a.clientId}>
              <Table.Td>{nameOf(a.personId)}</Table.Td>
              <Table.Td>
                {t(`offline.kind.${a.kind}`)} · {new Date(a.at ?? a.recordedAt).toLocaleString()}
                {a.place ? ` · ${a.place}` : ''}
                {a.reason ? ` · “${a.reason}”` : ''}
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {t(`offline.conflict.${a.answer!.conflict ?? 'refused'}`, {
                    state: a.answer!.serverState
                      ? t(`state.${a.answer!.serverState}`, {
                          defaultValue: a.answer!.serverState,
                        })
                      : '',
                  })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  {RETRYABLE.has(a.answer!.conflict ?? '') && (
                    <Button size="compact-xs" onClick={() => void retryAction(a).then(refresh)}>
                      {t('offline.retry')}
                    </Button>
                  )}
                  <Button
                    size="compact-xs"
                    variant="default"
                    onClick={() => void acceptServer(a).then(refresh)}
                  >
                    {t('offline.acceptServer')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {resolved > 0 && <Text size="sm">{t('offline.resolved', { count: resolved })}</Text>}
    </Stack>
  );
}
