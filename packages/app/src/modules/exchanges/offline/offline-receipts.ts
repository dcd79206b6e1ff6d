import { withScope } from '../../../platform/db/scope.ts';
import { rowScope, type Actor } from '../../access/index.ts';
import type { OfflineBatchSignature } from '../domain/handover-record.ts';
import type { createManifests } from '../documents/index.ts';
import { rows, type ExchangesDeps } from '../shared/index.ts';

type SignManifest = ReturnType<typeof createManifests>['signManifest'];

/** What became of a receipt batch signature made offline; `repeat` when it was synced before. */
export interface BatchSyncResult {
  hash: string;
  batchId: string | null;
  outcome: 'applied' | 'conflict';
  conflict: 'unknown_batch' | 'signed_already' | null;
  problem: string | null;
  signedAt: string;
  syncedAt: string;
  repeat: boolean;
}

/**
 * Applies the receipt batch signatures made offline: each checked and kept as the online batch
 * signature is (the signer's own registered key, the role held, the signature over the batch's
 * hash), with the time it was made there and the time of sync in the audit log. A batch that an
 * earlier batch of the stage has since replaced still signs the receipts it names.
 */
export async function applyBatchSignatures(
  deps: ExchangesDeps,
  sign: SignManifest,
  actor: Actor,
  input: {
    mechanism: string;
    stage: rows.StageRow;
    signatures: readonly OfflineBatchSignature[];
    syncedAt: Date;
  },
): Promise<BatchSyncResult[]> {
  const { stage, syncedAt } = input;
  const batches = await withScope(deps.db, rowScope(actor), (scoped) =>
    rows.findReceiptBatches(scoped, stage.id),
  );
  const results: BatchSyncResult[] = [];
  for (const s of input.signatures) {
    const party = s.role === 'party_officer' ? (s.party ?? '').toUpperCase() : null;
    // A time from a device's clock: one ahead of the server's is taken as the time of sync.
    const signedAt = new Date(Math.min(new Date(s.signedAt).getTime(), syncedAt.getTime()));
    const base = {
      hash: s.hash,
      signedAt: signedAt.toISOString(),
      syncedAt: syncedAt.toISOString(),
    };
    const batch = batches.find((b) => b.hash === s.hash);
    if (!batch) {
      results.push({
        ...base,
        batchId: null,
        outcome: 'conflict',
        conflict: 'unknown_batch',
        problem: `stage ${stage.number} has no receipt batch ${s.hash.slice(0, 16)}`,
        repeat: false,
      });
      continue;
    }
    const before = (await rows.findSignatures(deps.db, batch.id)).find(
      (t) => t.role === s.role && (t.party_code || null) === party,
    );
    if (before) {
      const isSame = before.signature === s.signature;
      results.push({
        ...base,
        batchId: batch.id,
        outcome: isSame ? 'applied' : 'conflict',
        conflict: isSame ? null : 'signed_already',
        problem: isSame
          ? null
          : `the batch was signed as ${s.role.replace('_', ' ')}${party ? ` for ${party}` : ''} already, at ${before.signed_at.toISOString()}`,
        signedAt: before.signed_at.toISOString(),
        repeat: isSame,
      });
      continue;
    }
    await sign(actor, {
      mechanism: input.mechanism,
      manifestId: batch.id,
      keyId: s.keyId,
      signature: s.signature,
      role: s.role,
      party,
      offline: { signedAt, syncedAt },
    });
    results.push({
      ...base,
      batchId: batch.id,
      outcome: 'applied',
      conflict: null,
      problem: null,
      repeat: false,
    });
  }
  return results;
}
