import { call } from '../api/client.ts';
import type { ManifestFile, ReceiptBatchDocument } from '../api/exchange.types.ts';
import { getManifestFile } from '../manifests/manifests.api.ts';
import { browserKey, signHash } from '../manifests/signing-key.ts';
import { offlineStore, type BatchSignature, type OfflineStage } from './offline-store.ts';

export const BATCH_KIND = 'parley-receipt-batch/1';

/**
 * The batch of the stage's receipts as they stand, for signing without a network: the server
 * answers the same batch while the receipts stay the same. None while no receipt is issued.
 */
export async function downloadBatch(
  mechanismId: string,
  stageId: string,
  hasReceipts: boolean,
): Promise<ManifestFile<ReceiptBatchDocument> | null> {
  if (!hasReceipts) return null;
  const { batchId } = await call('post', '/mechanisms/{mechanism}/stages/{stage}/receipt-batch', {
    params: { mechanism: mechanismId, stage: stageId },
  });
  return getManifestFile<ReceiptBatchDocument>(mechanismId, batchId);
}

/** Whether the signer's role has signed the batch: on the server already, or here. */
export function batchSignedBy(stage: OfflineStage): 'server' | 'here' | null {
  const { batch, signer } = stage;
  if (!batch) return null;
  if (batch.signatures.some((s) => s.role === signer.role && s.party === signer.party))
    return 'server';
  return (stage.batchSignatures ?? []).some((s) => s.hash === batch.hash) ? 'here' : null;
}

/** The batch signatures made here and not yet synced. */
export const unsyncedBatchSignatures = (stage: OfflineStage) =>
  (stage.batchSignatures ?? []).filter((s) => !s.syncedAt);

/**
 * Signs the stage's receipt batch with this browser's key, without a network: Ed25519 over its
 * kind and hash, as the online batch signature is; kept with the stage until it is synced.
 */
export async function signBatch(stage: OfflineStage): Promise<BatchSignature> {
  if (!stage.batch) throw new Error('no receipt batch');
  const key = await browserKey(stage.username, stage.mechanism.id);
  const signed: BatchSignature = {
    hash: stage.batch.hash,
    keyId: key.keyId,
    signature: await signHash(key, BATCH_KIND, stage.batch.hash),
    role: stage.signer.role,
    party: stage.signer.party,
    signedAt: new Date().toISOString(),
    syncedAt: null,
    answer: null,
  };
  const kept = (await offlineStore.stage(stage.stageId)) ?? stage;
  await offlineStore.keepStage({
    ...kept,
    batchSignatures: [...(kept.batchSignatures ?? []), signed],
  });
  return signed;
}

/** What the sync sends of a batch signature made here. */
export const batchSignatureBody = (s: BatchSignature) => ({
  hash: s.hash,
  keyId: s.keyId,
  signature: s.signature,
  role: s.role,
  party: s.party,
  signedAt: s.signedAt,
});
