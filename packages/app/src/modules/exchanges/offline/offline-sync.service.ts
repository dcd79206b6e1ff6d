import canonicalize from 'canonicalize';
import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent } from '../../audit/index.ts';
import { authorize, rowScope, type Actor } from '../../access/index.ts';
import {
  HANDOVER_RECORD_FORMAT,
  type HandoverRecord,
  type OfflineBatchSignature,
  type OfflineConflict,
} from '../domain/handover-record.ts';
import { documentHash, signatureVerifies } from '../domain/signed-document.ts';
import { rows, type ExchangeSteps, type ExchangesDeps } from '../shared/index.ts';
import * as offline from './offline.repository.ts';
import { applyBatchSignatures } from './offline-receipts.ts';
import { createOfflineActions } from './offline-actions.ts';
import type { createManifests } from '../documents/index.ts';
import type { createReceiptIssue } from '../receipts/index.ts';
import { signingKeyRecords } from '../signing-keys/index.ts';

/** A record signed offline, as the browser sends it at sync. */
export interface SignedRecord {
  document: HandoverRecord;
  hash: string;
  keyId: string;
  signature: string;
}

/** What became of one action: applied, or a conflict to show; `repeat` when sent before. */
export interface SyncResult {
  clientId: string;
  personId: string | null;
  kind: string;
  outcome: 'applied' | 'conflict';
  conflict: OfflineConflict | null;
  problem: string | null;
  serverState: string | null;
  recordedAt: string;
  syncedAt: string;
  repeat: boolean;
}

const resultOf = (row: offline.OfflineActionRow, repeat: boolean): SyncResult => ({
  clientId: row.client_id,
  personId: row.person_id,
  kind: row.kind,
  outcome: row.outcome as SyncResult['outcome'],
  conflict: row.conflict as OfflineConflict | null,
  problem: row.problem,
  serverState: row.server_state,
  recordedAt: new Date(row.recorded_at).toISOString(),
  syncedAt: new Date(row.synced_at).toISOString(),
  repeat,
});

/**
 * The handover point's work, recorded offline and signed in the browser, applied when the
 * network is back: each record's signature is checked with the signer's registered key, each
 * action applied once (by its client id) where it still fits and answered as a conflict where it
 * does not, and the audit log holds when each was recorded and when it was synced.
 */
export function createOfflineSync(
  deps: ExchangesDeps,
  steps: ExchangeSteps,
  documents: {
    signManifest: ReturnType<typeof createManifests>['signManifest'];
    issueStageReceipts: ReturnType<typeof createReceiptIssue>['issueStageReceipts'];
  },
) {
  const { db, mechanisms, audit } = deps;
  const { clock, followPersons } = steps;
  const { applyAction } = createOfflineActions(deps, steps);

  /** Refuses a record that its signer did not sign with their own registered key and role. */
  async function checkRecord(actor: Actor, mechanismId: string, record: SignedRecord) {
    const { document } = record;
    const hash = documentHash(document);
    if (hash !== record.hash)
      throw new AppError(
        'EXCHANGE.BAD_SIGNATURE',
        `the offline record was changed: its hash is ${hash}, the record says ${record.hash}`,
      );
    const key = await signingKeyRecords.findKey(db, record.keyId);
    if (!key || key.mechanism_id !== mechanismId || key.revoked_at)
      throw new AppError(
        'EXCHANGE.BAD_SIGNATURE',
        `the key ${record.keyId} is not a registered key of this mechanism`,
      );
    const { role, party } = document.signer;
    const holds = actor.grants.some(
      (g) =>
        g.mechanismId === mechanismId &&
        g.role === role &&
        (role === 'neutral_verifier' || g.party === party),
    );
    if (!actor.isSystem && (!holds || key.user_id !== actor.userId))
      throw new AppError(
        'ACCESS.FORBIDDEN',
        `you sync work recorded as ${role}${party ? ` for ${party}` : ''} only with that role and your own key`,
      );
    if (signatureVerifies(HANDOVER_RECORD_FORMAT, hash, key.public_key, record.signature) !== true)
      throw new AppError(
        'EXCHANGE.BAD_SIGNATURE',
        `the signature does not verify over the offline record ${hash}`,
      );
    return hash;
  }

  return {
    /**
     * Applies what was signed offline for one stage, each answered on its own: the receipt batch
     * signatures first (so that an arrival in the same sync confirms a receipt they complete),
     * then the records' actions. The receipts of persons the verifier's sync hands over are
     * issued with it, for the batch the next download carries.
     */
    async syncOffline(
      actor: Actor,
      input: {
        mechanism: string;
        stageId: string;
        records: readonly SignedRecord[];
        receiptBatches?: readonly OfflineBatchSignature[];
      },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.move', { mechanismId: mechanism.id });
      const stage = await withScope(db, rowScope(actor), (scoped) =>
        rows.findStage(scoped, input.stageId),
      );
      if (!stage || stage.mechanism_id !== mechanism.id)
        throw new AppError('EXCHANGE.NOT_FOUND', `no stage ${input.stageId}`);
      const batches = await applyBatchSignatures(deps, documents.signManifest, actor, {
        mechanism: mechanism.id,
        stage,
        signatures: input.receiptBatches ?? [],
        syncedAt: clock(),
      });
      const records = [];
      const results: SyncResult[] = [];
      let anyMoved = false;
      for (const record of input.records) {
        const { document } = record;
        if (document.mechanism.id !== mechanism.id || document.stage.id !== stage.id)
          throw new AppError(
            'EXCHANGE.MOVE_REFUSED',
            `the offline record is of stage ${document.stage.number}, not of stage ${stage.number}`,
          );
        const hash = await checkRecord(actor, mechanism.id, record);
        const syncedAt = clock();
        const done = await withScope(db, rowScope(actor), async (trx) => {
          const found = await offline.findRecord(trx, stage.id, hash);
          const recordId =
            found?.id ??
            (await offline.insertRecord(trx, {
              mechanismId: mechanism.id,
              stageId: stage.id,
              hash,
              document: canonicalize(document)!,
              signer: actor.id,
              role: document.signer.role,
              party: document.signer.party,
              keyId: record.keyId,
              signature: record.signature,
              syncedAt,
            }));
          const kept = new Map(
            (
              await offline.findActions(
                trx,
                document.actions.map((a) => a.clientId),
              )
            ).map((r) => [r.client_id, r]),
          );
          const answered: SyncResult[] = [];
          const rows: offline.OfflineActionRow[] = [];
          let moved = false;
          for (const action of document.actions) {
            const before = kept.get(action.clientId);
            if (before) {
              answered.push(resultOf(before, true));
              continue;
            }
            const applied = await applyAction(actor, trx, stage, document, hash, action, syncedAt);
            moved ||= applied.moved;
            const row = { ...applied.row, record_id: recordId };
            rows.push(row);
            kept.set(action.clientId, row);
            answered.push(resultOf(row, false));
          }
          await offline.insertActions(trx, rows);
          await audit.record(
            trx,
            auditEvent(actor, 'exchange.offline.sync', {
              mechanismId: mechanism.id,
              objectIds: [stage.id, recordId],
              details: {
                record: hash,
                role: document.signer.role,
                party: document.signer.party,
                signedAt: document.signedAt,
                syncedAt: syncedAt.toISOString(),
                actions: document.actions.length,
                applied: rows.filter((r) => r.outcome === 'applied').length,
                conflicts: rows.filter((r) => r.outcome === 'conflict').map((r) => r.client_id),
                repeats: answered.filter((r) => r.repeat).length,
              },
            }),
          );
          return { recordId, isNew: !found, answered, moved };
        });
        records.push({ hash, recordId: done.recordId, isNew: done.isNew });
        results.push(...done.answered);
        anyMoved ||= done.moved;
      }
      let receiptsIssued = 0;
      if (anyMoved) {
        await followPersons(actor, stage.id);
        deps.onPersonsMoved?.(mechanism.id);
        const handedOver = results.some(
          (r) => r.kind === 'handover' && r.outcome === 'applied' && !r.repeat,
        );
        const isVerifier = actor.grants.some(
          (g) => g.mechanismId === mechanism.id && g.role === 'neutral_verifier',
        );
        if (handedOver && isVerifier)
          receiptsIssued = (
            await documents.issueStageReceipts(actor, {
              mechanism: mechanism.id,
              stageId: stage.id,
            })
          ).filter((r) => r.ok).length;
      }
      return { records, results, batches, receiptsIssued };
    },
  };
}

export type OfflineSync = ReturnType<typeof createOfflineSync>;
