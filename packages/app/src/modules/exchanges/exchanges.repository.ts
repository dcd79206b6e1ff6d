import type { Selectable } from 'kysely';
import type { Database } from '../../platform/db/kysely.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Formula } from '@parley/kernel/agreement';

export type PersonRow = Selectable<DB['exchange_person']>;
export type StageRow = Selectable<DB['stage']>;
export type ManifestRow = Selectable<DB['manifest']>;

/** Adds persons to the path, skipping those already on it for the agreement; says how many were added. */
export async function insertPersons(
  db: Database,
  persons: ReadonlyArray<{
    mechanismId: string;
    agreementId: string;
    party: string;
    receivingParty: string;
    listVersionId: string;
    recordId: string;
    category: string;
    priority: string;
    rank: string | null;
    state: string;
  }>,
): Promise<number> {
  let added = 0;
  for (let start = 0; start < persons.length; start += 1_000) {
    const rows = await db
      .insertInto('exchange_person')
      .values(
        persons.slice(start, start + 1_000).map((p) => ({
          mechanism_id: p.mechanismId,
          agreement_id: p.agreementId,
          party_code: p.party,
          receiving_party: p.receivingParty,
          list_version_id: p.listVersionId,
          record_id: p.recordId,
          category: p.category,
          priority: p.priority,
          rank: p.rank,
          state: p.state,
        })),
      )
      .onConflict((oc) => oc.columns(['agreement_id', 'party_code', 'record_id']).doNothing())
      .returning('id')
      .execute();
    added += rows.length;
  }
  return added;
}

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

export function findTransitions(db: Database, personId: string) {
  return db
    .selectFrom('person_transition')
    .select(['from_state', 'to_state', 'reason', 'actor', 'at'])
    .where('person_id', '=', personId)
    .orderBy('seq')
    .execute();
}

export async function nextStageNumber(
  db: Database,
  mechanismId: string,
  agreementVersionId: string,
): Promise<number> {
  const row = await db
    .selectFrom('stage')
    .select((eb) => eb.fn.max('number').as('last'))
    .where('mechanism_id', '=', mechanismId)
    .where('agreement_version_id', '=', agreementVersionId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertStage(
  db: Database,
  stage: {
    mechanismId: string;
    agreementId: string;
    agreementVersionId: string;
    formula: Formula;
    number: number;
    place: string;
    date: string;
    surplus: Array<{ personId: string; reason: string }>;
    createdBy: string;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('stage')
    .values({
      mechanism_id: stage.mechanismId,
      agreement_id: stage.agreementId,
      agreement_version_id: stage.agreementVersionId,
      formula: JSON.stringify(stage.formula),
      number: stage.number,
      place: stage.place,
      date: stage.date,
      status: 'proposed',
      surplus: JSON.stringify(stage.surplus),
      created_by: stage.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
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

export function findManifest(db: Database, id: string) {
  return db.selectFrom('manifest').selectAll().where('id', '=', id).executeTakeFirst();
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

export async function insertSignature(
  db: Database,
  signature: {
    manifestId: string;
    signer: string;
    role: string;
    party: string | null;
    keyId: string;
    signature: string;
    signedAt: Date;
    /** The audit log's tree head signed with it (migration 0012). */
    logTreeSize: number | null;
  },
): Promise<void> {
  await db
    .insertInto('manifest_signature')
    .values({
      manifest_id: signature.manifestId,
      signer: signature.signer,
      role: signature.role,
      party_code: signature.party ?? '',
      key_id: signature.keyId,
      signature: signature.signature,
      signed_at: signature.signedAt,
      log_tree_size: signature.logTreeSize,
    })
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

/** The handover receipts issued in a stage, oldest first. */
export function findStageReceipts(db: Database, stageId: string) {
  return db
    .selectFrom('manifest')
    .select(['id', 'person_id', 'hash', 'required_signers', 'created_at'])
    .where('stage_id', '=', stageId)
    .where('kind', '=', 'parley-receipt/1')
    .orderBy('created_at')
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

/** A party's persons in its stages that are approved or executing, with each stage's override. */
export function findPersonsInLiveStages(db: Database, mechanismId: string, party: string) {
  return db
    .selectFrom('exchange_person as p')
    .innerJoin('stage as s', 's.id', 'p.stage_id')
    .select([
      'p.id',
      'p.record_id',
      'p.list_version_id',
      's.id as stage_id',
      's.number as stage_number',
      's.status as stage_status',
      's.list_override_by',
      's.list_override_reason',
    ])
    .where('p.mechanism_id', '=', mechanismId)
    .where('p.party_code', '=', party)
    .where('s.status', 'in', ['approved', 'executing'])
    .orderBy('s.number')
    .execute();
}

/** Gives or clears (by null) the mediator's leave for the next list version to touch a stage. */
export async function setListOverride(
  db: Database,
  stageIds: readonly string[],
  override: { by: string; at: Date; reason: string } | null,
): Promise<void> {
  if (stageIds.length === 0) return;
  await db
    .updateTable('stage')
    .set({
      list_override_by: override?.by ?? null,
      list_override_at: override?.at ?? null,
      list_override_reason: override?.reason ?? null,
    })
    .where('id', 'in', [...stageIds])
    .execute();
}

/** Points persons at a newer version of their list, whose lines the mediator let stand for them. */
export async function setPersonsListVersion(
  db: Database,
  personIds: readonly string[],
  listVersionId: string,
): Promise<void> {
  if (personIds.length === 0) return;
  await db
    .updateTable('exchange_person')
    .set({ list_version_id: listVersionId })
    .where('id', 'in', [...personIds])
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
