import canonicalize from 'canonicalize';
import type { Database } from '../../platform/db/kysely.ts';
import { withScope } from '../../platform/db/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { auditEvent } from '../audit/index.ts';
import { authorize, rowScope, type Actor } from '../access/index.ts';
import {
  HANDOVER_RECORD_FORMAT,
  planAction,
  type HandoverRecord,
  type OfflineAction,
  type OfflineBatchSignature,
  type OfflineConflict,
} from './domain/handover-record.ts';
import { stateSeenByParty, type PersonState } from './domain/person-path.ts';
import { documentHash, signatureVerifies } from './domain/signed-document.ts';
import { seesInterview, type ExchangeSteps, type ExchangesDeps } from './exchanges.internal.ts';
import * as repo from './exchanges.repository.ts';
import * as offline from './offline.repository.ts';
import { applyBatchSignatures } from './offline-receipts.ts';
import type { createManifests } from './manifests.service.ts';
import type { createReceiptIssue } from './receipt-issue.service.ts';
import { signingKeyRecords } from './signing-keys/index.ts';

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
  const { clock, moveOne, followPersons } = steps;

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

  /** Applies one action inside the record's transaction; the row to keep says what became of it. */
  async function applyAction(
    actor: Actor,
    trx: Database,
    stage: repo.StageRow,
    document: HandoverRecord,
    hash: string,
    action: OfflineAction,
    syncedAt: Date,
  ): Promise<{ row: offline.OfflineActionRow; moved: boolean }> {
    const person = await repo.findPerson(trx, action.personId);
    const plan = planAction(action, document.signer, {
      person:
        person && person.mechanism_id === stage.mechanism_id
          ? {
              state: person.state as PersonState,
              stageId: person.stage_id,
              receivingParty: person.receiving_party,
            }
          : null,
      stage: { id: stage.id, status: stage.status },
      isNeutral: seesInterview(actor, stage.mechanism_id),
    });
    const row: offline.OfflineActionRow = {
      client_id: action.clientId,
      mechanism_id: stage.mechanism_id,
      stage_id: stage.id,
      record_id: '',
      person_id: person ? person.id : null,
      kind: action.kind,
      actor: actor.id,
      recorded_at: new Date(action.recordedAt),
      synced_at: syncedAt,
      outcome: 'applied',
      conflict: null,
      problem: null,
      server_state: null,
    };
    const times = { recordedAt: action.recordedAt, syncedAt: syncedAt.toISOString() };
    if ('conflict' in plan)
      return {
        row: {
          ...row,
          outcome: 'conflict',
          conflict: plan.conflict,
          problem: plan.problem,
          server_state: plan.serverState,
        },
        moved: false,
      };
    if (plan.apply === 'move') {
      const moved = await moveOne(actor, trx, {
        personId: action.personId,
        to: plan.to,
        ...(action.reason ? { reason: action.reason } : {}),
        ...(action.at ? { at: action.at } : {}),
        ...(action.place ? { place: action.place } : {}),
        offline: {
          clientId: action.clientId,
          record: hash,
          ...times,
          // An arrival's own time and place: a handover's are the move's.
          ...(plan.to === 'receipt_confirmed' && action.at ? { at: action.at } : {}),
          ...(plan.to === 'receipt_confirmed' && action.place ? { place: action.place } : {}),
        },
      });
      if (!moved.ok)
        return {
          row: {
            ...row,
            outcome: 'conflict',
            // The path allows the arrival; only the receipt's signatures are still missing.
            conflict: plan.to === 'receipt_confirmed' ? 'receipt_unsigned' : 'refused',
            problem: moved.problem,
            server_state: seesInterview(actor, stage.mechanism_id)
              ? person!.state
              : stateSeenByParty(person!.state as PersonState),
          },
          moved: false,
        };
      return { row: { ...row, server_state: plan.to }, moved: true };
    }
    await audit.record(
      trx,
      auditEvent(actor, 'exchange.offline.note', {
        mechanismId: stage.mechanism_id,
        objectIds: [person!.id, `${person!.list_version_id}/${person!.record_id}`],
        ...(action.reason ? { reason: action.reason } : {}),
        details: {
          kind: action.kind,
          offline: action.clientId,
          record: hash,
          ...times,
          ...(action.at ? { at: action.at } : {}),
          ...(action.place ? { place: action.place } : {}),
          ...(action.matches !== undefined ? { matches: action.matches } : {}),
        },
      }),
    );
    return { row: { ...row, server_state: person!.state }, moved: false };
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
        repo.findStage(scoped, input.stageId),
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
