import { sql, type Kysely } from 'kysely';

/**
 * Work done at the handover point without a network (issue 16, item 3). An offline record is
 * what one verifier or receiving officer signed in the browser over the actions recorded there
 * (handovers, refusals, checks against the manifest, persons received), kept as signed; each
 * action is kept once by the id the browser gave it, so that a sync sent twice applies it once,
 * with the time it was recorded at the border and the time it reached the server.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('offline_record')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('stage_id', 'uuid', (col) => col.notNull().references('stage.id'))
    .addColumn('hash', 'text', (col) => col.notNull())
    .addColumn('document', 'text', (col) => col.notNull())
    .addColumn('signer', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('key_id', 'text', (col) => col.notNull())
    .addColumn('signature', 'text', (col) => col.notNull())
    .addColumn('synced_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('offline_record_stage_hash', ['stage_id', 'hash'])
    .execute();
  await db.schema
    .createTable('offline_action')
    .addColumn('client_id', 'uuid', (col) => col.primaryKey())
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('stage_id', 'uuid', (col) => col.notNull().references('stage.id'))
    .addColumn('record_id', 'uuid', (col) => col.notNull().references('offline_record.id'))
    .addColumn('person_id', 'uuid')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull())
    .addColumn('synced_at', 'timestamptz', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('conflict', 'text')
    .addColumn('problem', 'text')
    .addColumn('server_state', 'text')
    .execute();
  await db.schema
    .createIndex('offline_action_stage')
    .on('offline_action')
    .columns(['stage_id', 'synced_at'])
    .execute();
  // As manifests (0013): the roles of the exchange in the mechanism, never observers.
  for (const table of ['offline_record', 'offline_action']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.table(table)} force row level security`.execute(db);
    for (const action of ['select', 'insert'] as const) {
      const clause = action === 'insert' ? sql`with check` : sql`using`;
      await sql`create policy ${sql.raw(`${table}_${action}`)} on ${sql.table(table)} for ${sql.raw(action)} ${clause} (
        (select parley_is_system())
        or mechanism_id::text = any ((select parley_scope('exchange_mechanisms'))::text[])
      )`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('offline_action').execute();
  await db.schema.dropTable('offline_record').execute();
}
