import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SignerRole } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { batchSignedBy, signBatch } from './offline-batch.ts';
import type { OfflineStage } from './offline-store.ts';
import { useRefreshOffline } from './use-offline.ts';

/**
 * The stage's receipt batch as the download carried it: one signature here signs every receipt
 * it names, and the persons recorded received are confirmed when it is synced and the other
 * signer has signed too.
 */
export function OfflineBatch({ stage }: { stage: OfflineStage }) {
  const { t } = useTranslation();
  const refresh = useRefreshOffline();
  const sign = useMutation({
    mutationFn: () => signBatch(stage),
    onSettled: refresh,
    networkMode: 'always',
  });
  const { batch } = stage;
  const signedBy = batchSignedBy(stage);
  const here = (stage.batchSignatures ?? []).filter((s) => s.hash === batch?.hash).at(-1);
  const role = (r: string, party: string | null) =>
    `${t(`role.${r as SignerRole}`)}${party ? ` ${party}` : ''}`;
  return (
    <Card withBorder component="section" aria-labelledby="offline-batch">
      <Stack gap="xs">
        <Title order={2} size="h4" id="offline-batch">
          {t('offline.batch.title')}
        </Title>
        {!batch ? (
          <Text size="sm">{t('offline.batch.none')}</Text>
        ) : (
          <>
            <Text size="sm">
              {t('offline.batch.names', {
                count: batch.document.receipts.length,
                hash: batch.hash.slice(0, 16),
              })}
            </Text>
            <Text size="sm">
              {batch.signatures.length
                ? t('offline.batch.signedBy', {
                    who: batch.signatures.map((s) => role(s.role, s.party)).join(', '),
                  })
                : t('offline.batch.unsigned')}
            </Text>
            {signedBy === null && (
              <Button w="fit-content" loading={sign.isPending} onClick={() => sign.mutate()}>
                {t('offline.batch.sign', { count: batch.document.receipts.length })}
              </Button>
            )}
            {here && (
              <Text size="sm">
                {t(
                  here.answer?.outcome === 'conflict'
                    ? 'offline.batch.notApplied'
                    : here.syncedAt
                      ? 'offline.batch.synced'
                      : 'offline.batch.signedHere',
                  { at: new Date(here.signedAt).toLocaleString() },
                )}
              </Text>
            )}
          </>
        )}
        <ErrorAlert error={sign.error} />
      </Stack>
    </Card>
  );
}
