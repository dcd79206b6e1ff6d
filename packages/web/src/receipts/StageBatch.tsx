import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.ts';
import type { StageReceipt } from '../api/exchange.types.ts';
import { ErrorAlert } from '../common/ErrorAlert.tsx';
import { SuccessAlert } from '../common/SuccessAlert.tsx';
import { useMove } from '../exchange/exchange.api.ts';
import { useFormat } from '../i18n/format.ts';
import { manifestUrl } from '../manifests/manifests.api.ts';
import { SignaturesTable } from '../manifests/SignaturesTable.tsx';
import { SignPanel } from '../manifests/SignPanel.tsx';
import { VerifyPanel } from '../manifests/VerifyPanel.tsx';
import { useWorkspace } from '../session/workspace.tsx';
import { useReceipt } from './receipts.api.ts';

const STAGE = '/mechanisms/{mechanism}/stages/{stage}';

/** A step on the whole stage (its receipts issued, its receipt batch prepared), then a refresh. */
function useStageAction<T>(
  stageId: string,
  step: (params: { mechanism: string; stage: string }) => Promise<T>,
) {
  const { mechanism } = useWorkspace();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => step({ mechanism: mechanism.id, stage: stageId }),
    onSettled: () => client.invalidateQueries({ queryKey: ['exchange', mechanism.id] }),
  });
}

/** The batch document of the stage's receipts, signed once by each side and the verifier. */
function BatchDocument({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism } = useWorkspace();
  // A batch document names each receipt of the stage (parley-receipt-batch/1).
  const file = useReceipt<{ receipts: unknown[] }>(mechanism.id, batchId);
  if (!file.data) return <ErrorAlert error={file.error} />;
  const receipts = file.data.document.receipts.length;
  return (
    <Stack gap="xs">
      <Text size="sm">
        {t('batch.names', { n: format.integer(receipts), hash: file.data.hash.slice(0, 16) })}
      </Text>
      <Anchor href={manifestUrl(mechanism.id, batchId, true)} download w="fit-content">
        {t('batch.downloadPdf')}
      </Anchor>
      <SignaturesTable file={file.data} />
      <SignPanel
        file={file.data}
        manifestId={batchId}
        texts={{ help: t('batch.signHelp'), sign: t('batch.sign'), signedAs: t('batch.signedAs') }}
      />
      <VerifyPanel
        manifestId={batchId}
        texts={{ verify: t('batch.verify'), verified: t('batch.verified') }}
      />
    </Stack>
  );
}

/**
 * A stage's receipts at its scale: the verifier issues them all at once; one batch document
 * naming every receipt's hash is signed once by each receiving side and the verifier; each
 * receiving officer then confirms all the receipts so signed in one step.
 */
export function StageBatch({ stageId, persons }: { stageId: string; persons: StageReceipt[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { mechanism, grant } = useWorkspace();
  const issueAll = useStageAction(stageId, (params) =>
    call('post', `${STAGE}/receipts`, { params }),
  );
  const prepare = useStageAction(stageId, (params) =>
    call('post', `${STAGE}/receipt-batch`, { params }),
  );
  const confirm = useMove(mechanism.id);
  const [confirmed, setConfirmed] = useState<number | null>(null);
  const isVerifier = grant.role === 'neutral_verifier';
  const isSigner = isVerifier || grant.role === 'party_officer';
  const issuable = persons.filter((p) => p.state === 'handed_over' && !p.receipt).length;
  const issued = persons.filter((p) => p.receipt).length;
  const confirmable = persons.filter(
    (p) =>
      grant.role === 'party_officer' &&
      p.receivingParty === grant.party &&
      p.state === 'handed_over' &&
      p.receipt &&
      p.receipt.missing.length === 0,
  );
  if (!isSigner) return null;
  return (
    <Card withBorder component="section">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('batch.title')}
        </Title>
        <Group>
          {isVerifier && (
            <Button
              disabled={issuable === 0}
              loading={issueAll.isPending}
              onClick={() => issueAll.mutate()}
            >
              {t('batch.issueAll', { count: issuable, n: format.integer(issuable) })}
            </Button>
          )}
          <Button
            variant="default"
            disabled={issued === 0}
            loading={prepare.isPending}
            onClick={() => prepare.mutate()}
          >
            {t('batch.prepare', { count: issued, n: format.integer(issued) })}
          </Button>
          {grant.role === 'party_officer' && (
            <Button
              disabled={confirmable.length === 0}
              loading={confirm.isPending}
              onClick={() =>
                confirm.mutate(
                  confirmable.map((p) => ({ personId: p.personId, to: 'receipt_confirmed' })),
                  { onSuccess: (results) => setConfirmed(results.filter((r) => r.ok).length) },
                )
              }
            >
              {t('batch.confirmAll', {
                count: confirmable.length,
                n: format.integer(confirmable.length),
              })}
            </Button>
          )}
        </Group>
        <ErrorAlert error={issueAll.error ?? prepare.error ?? confirm.error} />
        {issueAll.data && (
          <SuccessAlert
            title={t('batch.issued', {
              count: issueAll.data.results.filter((r) => r.ok).length,
              n: format.integer(issueAll.data.results.filter((r) => r.ok).length),
            })}
          />
        )}
        {confirmed !== null && (
          <SuccessAlert
            title={t('batch.confirmed', { count: confirmed, n: format.integer(confirmed) })}
          />
        )}
        {prepare.data && <BatchDocument batchId={prepare.data.batchId} />}
      </Stack>
    </Card>
  );
}
