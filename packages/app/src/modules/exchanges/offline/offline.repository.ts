import type { Selectable } from 'kysely';
import type { Database } from '../../../platform/db/kysely.ts';
import type { DB } from '../../../platform/db/schema.ts';

// The records and actions of the handover point's offline work (migration 0028).

export type OfflineActionRow = Selectable<DB['offline_action']>;

export function findRecord(db: Database, stageId: string, hash: string) {
  return db
    .selectFrom('offline_record')
    .select(['id'])
    .where('stage_id', '=', stageId)
    .where('hash', '=', hash)
    .executeTakeFirst();
}

export async function insertRecord(
  db: Database,
  record: {
    mechanismId: string;
    stageId: string;
    hash: string;
    document: string;
    signer: string;
    role: string;
    party: string | null;
    keyId: string;
    signature: string;
    syncedAt: Date;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('offline_record')
    .values({
      mechanism_id: record.mechanismId,
      stage_id: record.stageId,
      hash: record.hash,
      document: record.document,
      signer: record.signer,
      role: record.role,
      party_code: record.party ?? '',
      key_id: record.keyId,
      signature: record.signature,
      synced_at: record.syncedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findActions(db: Database, clientIds: readonly string[]) {
  if (clientIds.length === 0) return [];
  return db
    .selectFrom('offline_action')
    .selectAll()
    .where('client_id', 'in', [...clientIds])
    .execute();
}

export async function insertActions(
  db: Database,
  actions: ReadonlyArray<Omit<OfflineActionRow, never>>,
): Promise<void> {
  if (actions.length === 0) return;
  await db
    .insertInto('offline_action')
    .values([...actions])
    .execute();
}

export type OfflineRecordRow = Selectable<DB['offline_record']>;

/** The records synced for a stage, oldest first, with what became of their actions. */
export async function findStageRecords(db: Database, stageId: string) {
  const records = await db
    .selectFrom('offline_record')
    .selectAll()
    .where('stage_id', '=', stageId)
    .orderBy('synced_at')
    .execute();
  const actions = records.length
    ? await db
        .selectFrom('offline_action')
        .selectAll()
        .where(
          'record_id',
          'in',
          records.map((r) => r.id),
        )
        .execute()
    : [];
  return { records, actions };
}

export async function findRecordById(db: Database, id: string) {
  const record = await db
    .selectFrom('offline_record')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!record) return null;
  const actions = await db
    .selectFrom('offline_action')
    .selectAll()
    .where('record_id', '=', id)
    .execute();
  return { record, actions };
}
