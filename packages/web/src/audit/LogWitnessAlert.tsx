import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.ts';
import { useFormat } from '../i18n/format.ts';
import { witnessLog } from './log-witness.ts';

const witness = () =>
  witnessLog({
    storage: window.localStorage,
    latestHead: async () => (await call('get', '/audit/head')).head,
    consistencyProof: async (from, to) =>
      (await call('get', '/audit/proofs/consistency', { query: { from, to } })).path,
  });

/**
 * This browser as a witness of the audit log: it keeps the last signed head it saw and, on every
 * signed-in screen, warns if the server's newest head no longer extends it (entries cut or
 * rewritten). Nothing is shown while the log only grows.
 */
export function LogWitnessAlert() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data } = useQuery({
    queryKey: ['audit', 'witness'],
    queryFn: witness,
    staleTime: 5 * 60_000,
    retry: false,
  });
  if (!data || data.status === 'kept') return null;
  const values = {
    seen: format.integer(data.seen.treeSize),
    seenAt: format.dateTime(data.seen.signedAt),
    now: format.integer(data.now.treeSize),
  };
  return (
    <Alert color="red" variant="filled" role="alert" title={t('logWitness.title')} mb="md">
      <Text size="sm">
        {data.status === 'cut' ? t('logWitness.cut', values) : t('logWitness.rewritten', values)}
      </Text>
      <Text size="sm" mt={4}>
        {t('logWitness.whatToDo')}
      </Text>
    </Alert>
  );
}
