import { Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.ts';
import type { SignerRole } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useStageReceipts } from '../receipts/receipts.api.ts';
import { useWorkspace } from '../session/workspace.tsx';

const M = '/mechanisms/{mechanism}';

/** One record signed offline: what became of each action, and its signature verified. */
function RecordDetail({ recordId, stageId }: { recordId: string; stageId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  const persons = useStageReceipts(mechanism.id, stageId).data ?? [];
  const read = useQuery({
    queryKey: ['exchange', mechanism.id, 'offline-record', recordId],
    queryFn: () =>
      call('get', `${M}/offline-records/{record}`, {
        params: { mechanism: mechanism.id, record: recordId },
      }),
  });
  const verify = useMutation({
    mutationFn: () =>
      call('get', `${M}/offline-records/{record}/verification`, {
        params: { mechanism: mechanism.id, record: recordId },
      }),
  });
  if (!read.data) return <ErrorAlert error={read.error} />;
  const nameOf = (id: string | null) => {
    const p = persons.find((q) => q.personId === id);
    return p?.name ?? p?.nameLatin ?? p?.recordId ?? '—';
  };
  return (
    <Stack gap="xs">
      <Text size="xs" ff="monospace">
        SHA-256 {read.data.file.hash}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('offline.person')}</Table.Th>
            <Table.Th>{t('offline.records.step')}</Table.Th>
            <Table.Th>{t('offline.records.recordedAt')}</Table.Th>
            <Table.Th>{t('offline.records.outcome')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {read.data.actions.map((a) => (
            <Table.Tr key={a.clientId}>
              <Table.Td>{nameOf(a.personId)}</Table.Td>
              <Table.Td>{t(`offline.kind.${a.kind as 'check'}`)}</Table.Td>
              <Table.Td>{format.dateTime(a.recordedAt)}</Table.Td>
              <Table.Td>
                {a.outcome === 'applied'
                  ? t('offline.answer.applied')
                  : t(`offline.conflict.${(a.conflict ?? 'refused') as 'refused'}`, {
                      state: a.serverState
                        ? t(`state.${a.serverState}`, { defaultValue: a.serverState })
                        : '',
                    })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Button
        w="fit-content"
        variant="default"
        loading={verify.isPending}
        onClick={() => verify.mutate()}
      >
        {t('offline.records.verify')}
      </Button>
      <ErrorAlert error={verify.error} />
      {verify.data?.ok && <SuccessAlert title={t('offline.records.verified')} />}
      {verify.data && !verify.data.ok && (
        <ErrorAlert error={new Error(verify.data.problems.join(' '))} />
      )}
    </Stack>
  );
}

/**
 * The records signed offline at the handover point for a stage and synced, for those who may see
 * them: who signed, when it was signed and synced, what became of its actions; each opened and
 * verified on request (the opening is audited).
 */
export function OfflineRecords({ stageId }: { stageId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism, grant } = useWorkspace();
  const [open, setOpen] = useState<string | null>(null);
  const mayRead = ['mediator', 'neutral_verifier', 'party_officer'].includes(grant.role);
  const records = useQuery({
    queryKey: ['exchange', mechanism.id, 'offline-records', stageId],
    enabled: mayRead,
    queryFn: async () =>
      (
        await call('get', `${M}/stages/{stage}/offline-records`, {
          params: { mechanism: mechanism.id, stage: stageId },
        })
      ).items,
  });
  if (!mayRead || !records.data?.length) return <ErrorAlert error={records.error} />;
  return (
    <Card withBorder component="section" aria-labelledby="offline-records">
      <Stack gap="xs">
        <Title order={2} size="h4" id="offline-records">
          {t('offline.records.title')}
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('offline.records.signer')}</Table.Th>
              <Table.Th>{t('offline.records.signedAt')}</Table.Th>
              <Table.Th>{t('offline.records.syncedAt')}</Table.Th>
              <Table.Th>{t('offline.records.actions')}</Table.Th>
              <Table.Th>{t('offline.records.file')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {records.data.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  {r.signer.replace(/^user:/, '')} ({t(`role.${r.role as SignerRole}`)}
                  {r.party ? ` ${r.party}` : ''})
                </Table.Td>
                <Table.Td>{format.dateTime(r.signedAt)}</Table.Td>
                <Table.Td>{format.dateTime(r.syncedAt)}</Table.Td>
                <Table.Td>
                  {t('offline.records.counts', {
                    applied: r.applied,
                    conflicts: r.conflicts,
                  })}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="default"
                    aria-expanded={open === r.id}
                    onClick={() => setOpen(open === r.id ? null : r.id)}
                  >
                    {t('offline.records.view')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {open && <RecordDetail recordId={open} stageId={stageId} />}
      </Stack>
    </Card>
  );
}
