import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent } from '../../audit/index.ts';
import { authorize, rowScope, type Actor } from '../../access/index.ts';
import { HANDOVER_RECORD_FORMAT, type HandoverRecord } from '../domain/handover-record.ts';
import {
  verifySignedDocument,
  type SignedDocumentFile,
  type Signer,
} from '../domain/signed-document.ts';
import { rows, seesInterview, type ExchangesDeps } from '../shared/index.ts';
import * as offline from './offline.repository.ts';
import { signingKeyRecords } from '../signing-keys/index.ts';

/** What became of one action of a record, as the sync answered it. */
export interface RecordedAction {
  clientId: string;
  personId: string | null;
  kind: string;
  outcome: string;
  conflict: string | null;
  problem: string | null;
  serverState: string | null;
  recordedAt: string;
  syncedAt: string;
}

const actionOf = (a: offline.OfflineActionRow): RecordedAction => ({
  clientId: a.client_id,
  personId: a.person_id,
  kind: a.kind,
  outcome: a.outcome,
  conflict: a.conflict,
  problem: a.problem,
  serverState: a.server_state,
  recordedAt: new Date(a.recorded_at).toISOString(),
  syncedAt: new Date(a.synced_at).toISOString(),
});

/**
 * The records signed offline at the handover point, as they were synced: listed per stage, read
 * as a self-contained signed file (verified like a manifest, offline with `parley manifest
 * verify`), with what became of each action. The mediator and the verifier see every record; a
 * party's officer the records of its own party's officers (a verifier's record holds refusals'
 * words, which the parties do not learn). Reading one is audited: it names persons.
 */
export function createOfflineRecords(deps: ExchangesDeps) {
  const { db, mechanisms, audit } = deps;

  const maySee = (actor: Actor, mechanismId: string, record: offline.OfflineRecordRow) =>
    seesInterview(actor, mechanismId) ||
    (record.role === 'party_officer' &&
      actor.grants.some(
        (g) =>
          g.mechanismId === mechanismId &&
          g.role === 'party_officer' &&
          g.party === record.party_code,
      ));

  async function recordFile(actor: Actor, input: { mechanism: string; recordId: string }) {
    const mechanism = await mechanisms.get(actor, input.mechanism);
    authorize(actor, 'exchange.move', { mechanismId: mechanism.id });
    const found = await withScope(db, rowScope(actor), (scoped) =>
      offline.findRecordById(scoped, input.recordId),
    );
    if (
      !found ||
      found.record.mechanism_id !== mechanism.id ||
      !maySee(actor, mechanism.id, found.record)
    )
      throw new AppError('EXCHANGE.NOT_FOUND', `no offline record ${input.recordId}`);
    const { record, actions } = found;
    const document = JSON.parse(record.document) as HandoverRecord;
    const key = await signingKeyRecords.findKey(db, record.key_id);
    const signer: Pick<Signer, 'role' | 'party'> = {
      role: record.role as Signer['role'],
      party: record.party_code || null,
    };
    await audit.record(
      null,
      auditEvent(actor, 'exchange.offline.read', {
        mechanismId: mechanism.id,
        objectIds: [record.id, ...new Set(actions.flatMap((a) => a.person_id ?? []))],
      }),
    );
    const file: SignedDocumentFile<HandoverRecord> = {
      kind: HANDOVER_RECORD_FORMAT,
      document,
      hash: record.hash,
      requiredSigners: [signer],
      signatures: [
        {
          signer: record.signer,
          ...signer,
          keyId: record.key_id,
          publicKey: key?.public_key ?? '',
          signedAt: document.signedAt,
          signature: record.signature,
        },
      ],
    };
    return {
      file,
      syncedAt: record.synced_at.toISOString(),
      actions: actions.map(actionOf),
    };
  }

  return {
    /** The records synced for a stage that the actor may see, each with its actions' outcomes. */
    async offlineRecords(actor: Actor, input: { mechanism: string; stageId: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.move', { mechanismId: mechanism.id });
      const found = await withScope(db, rowScope(actor), async (scoped) => {
        const stage = await rows.findStage(scoped, input.stageId);
        if (!stage || stage.mechanism_id !== mechanism.id) return null;
        return offline.findStageRecords(scoped, stage.id);
      });
      if (!found) throw new AppError('EXCHANGE.NOT_FOUND', `no stage ${input.stageId}`);
      return found.records
        .filter((r) => maySee(actor, mechanism.id, r))
        .map((r) => {
          const actions = found.actions.filter((a) => a.record_id === r.id);
          return {
            id: r.id,
            hash: r.hash,
            signer: r.signer,
            role: r.role,
            party: r.party_code || null,
            signedAt: (JSON.parse(r.document) as HandoverRecord).signedAt,
            syncedAt: r.synced_at.toISOString(),
            actions: actions.length,
            applied: actions.filter((a) => a.outcome === 'applied').length,
            conflicts: actions.filter((a) => a.outcome === 'conflict').length,
          };
        });
    },

    /** One record as a signed file, with what became of each of its actions. */
    offlineRecord: recordFile,

    /** Verifies a record's signature against the mechanism's registered keys. */
    async verifyOfflineRecord(actor: Actor, input: { mechanism: string; recordId: string }) {
      const { file } = await recordFile(actor, input);
      const mechanism = await mechanisms.get(actor, input.mechanism);
      const trusted = new Set(
        (await signingKeyRecords.findKeys(db, mechanism.id))
          .filter((k) => !k.revoked_at)
          .map((k) => k.key_id),
      );
      return verifySignedDocument(file, { trustedKeyIds: trusted });
    },
  };
}

export type OfflineRecords = ReturnType<typeof createOfflineRecords>;
