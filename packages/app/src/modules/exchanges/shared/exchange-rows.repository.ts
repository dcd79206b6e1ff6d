import type { Selectable } from 'kysely';
import type { Database } from '../../../platform/db/kysely.ts';
import type { DB } from '../../../platform/db/schema.ts';

// The rows of the exchange that every use case reads and moves: persons on their paths, stages,
// and the signed documents (manifests, receipts, their batches) with their signatures.

export type PersonRow = Selectable<DB['exchange_person']>;
export type StageRow = Selectable<DB['stage']>;

export function findPersons(
  db: Database,
  query: { agreementId: string; state?: string; party?: string; stageId?: string; ids?: string[] },
) {
  let base = db
    .selectFrom('exchange_person')
    .selectAll()
    .where('agreement_id', '=', query.agreementId);
  if (query.state) base = base.where('state', '=', query.state);
  if (query.party) base = base.where('party_code', '=', query.party);
  if (query.stageId) base = base.where('stage_id', '=', query.stageId);
  if (query.ids)
    base = base.where(
      'id',
      'in',
      query.ids.length ? query.ids : ['00000000-0000-0000-0000-000000000000'],
    );
  return base.orderBy('party_code').orderBy('priority').orderBy('record_id').execute();
}

export function findPerson(db: Database, id: string) {
  return db.selectFrom('exchange_person').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records a move: the person's new state (and stage), and the move itself in the append-only log. */
export async function movePerson(
  db: Database,
  person: PersonRow,
  move: {
    to: string;
    reason: string | null;
    actor: string;
    stageId?: string | null;
    at: Date;
    handover?: { at: Date; place: string };
  },
): Promise<void> {
  await db
    .updateTable('exchange_person')
    .set({
      state: move.to,
      updated_at: move.at,
      ...(move.stageId !== undefined ? { stage_id: move.stageId } : {}),
      ...(move.handover
        ? { handed_over_at: move.handover.at, handover_place: move.handover.place }
        : {}),
    })
    .where('id', '=', person.id)
    .execute();
  await db
    .insertInto('person_transition')
    .values({
      person_id: person.id,
      mechanism_id: person.mechanism_id,
      party_code: person.party_code,
      receiving_party: person.receiving_party,
      from_state: person.state,
      to_state: move.to,
      reason: move.reason,
      actor: move.actor,
    })
    .execute();
}

export async function setStage(db: Database, personIds: readonly string[], stageId: string | null) {
  if (personIds.length === 0) return;
  await db
    .updateTable('exchange_person')
    .set({ stage_id: stageId })
    .where('id', 'in', [...personIds])
    .execute();
}

export function findStage(db: Database, id: string) {
  return db.selectFrom('stage').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A stage, locked until the transaction ends: its status is decided by one request at a time. */
export function lockStage(db: Database, id: string) {
  return db.selectFrom('stage').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Where each person of a stage now is: all a stage's status is read from. */
export async function findStageStates(db: Database, stageId: string) {
  const rows = await db
    .selectFrom('exchange_person')
    .select('state')
    .where('stage_id', '=', stageId)
    .execute();
  return rows.map((r) => r.state);
}

export function findStages(db: Database, mechanismId: string) {
  return db
    .selectFrom('stage')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .orderBy('created_at')
    .execute();
}

export async function setStageStatus(db: Database, id: string, status: StageRow['status']) {
  await db.updateTable('stage').set({ status }).where('id', '=', id).execute();
}

export async function insertManifest(
  db: Database,
  manifest: {
    mechanismId: string;
    stageId: string;
    kind: string;
    document: string;
    hash: string;
    requiredSigners: Array<{ role: string; party: string | null }>;
    supersedes: string | null;
    personId?: string;
    createdBy: string;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('manifest')
    .values({
      mechanism_id: manifest.mechanismId,
      stage_id: manifest.stageId,
      kind: manifest.kind,
      document: manifest.document,
      hash: manifest.hash,
      required_signers: JSON.stringify(manifest.requiredSigners),
      supersedes: manifest.supersedes,
      person_id: manifest.personId ?? null,
      created_by: manifest.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A person's handover receipt, if one was issued. */
export function findReceipt(db: Database, personId: string) {
  return db
    .selectFrom('manifest')
    .selectAll()
    .where('person_id', '=', personId)
    .where('kind', '=', 'parley-receipt/1')
    .executeTakeFirst();
}

export function findManifests(db: Database, stageId: string) {
  return db
    .selectFrom('manifest')
    .selectAll()
    .where('stage_id', '=', stageId)
    .where('kind', '=', 'parley-manifest/1')
    .orderBy('created_at')
    .execute();
}

export function findSignatures(db: Database, manifestId: string) {
  return db
    .selectFrom('manifest_signature as s')
    .innerJoin('signing_key as k', 'k.key_id', 's.key_id')
    .select([
      's.signer',
      's.role',
      's.party_code',
      's.key_id',
      'k.public_key',
      's.signature',
      's.signed_at',
      's.log_tree_size',
    ])
    .where('s.manifest_id', '=', manifestId)
    .orderBy('s.signed_at')
    .execute();
}

/** Who has signed each of some documents: role and party per document id. */
export function findSigners(db: Database, manifestIds: readonly string[]) {
  if (manifestIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('manifest_signature')
    .select(['manifest_id', 'role', 'party_code'])
    .where('manifest_id', 'in', [...manifestIds])
    .execute();
}

/** A stage's receipt batches, newest last, with who has signed each (role and party). */
export async function findReceiptBatches(db: Database, stageId: string) {
  const batches = await db
    .selectFrom('manifest')
    .select(['id', 'hash', 'document', 'required_signers', 'created_at'])
    .where('stage_id', '=', stageId)
    .where('kind', '=', 'parley-receipt-batch/1')
    .orderBy('created_at')
    .execute();
  const signers = await findSigners(
    db,
    batches.map((b) => b.id),
  );
  return batches.map((batch) => ({
    ...batch,
    signers: signers
      .filter((s) => s.manifest_id === batch.id)
      .map((s) => ({ role: s.role, party: s.party_code || null })),
  }));
}
