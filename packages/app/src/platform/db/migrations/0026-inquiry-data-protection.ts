import { sql, type Kysely } from 'kysely';

const SYSTEM = sql`(select parley_is_system())`;
const own = sql`(mechanism_id::text || ':' || party_code) = any ((select parley_scope('write_parties'))::text[])`;

/**
 * Families' inquiries, their data protection and review (issue 18, items 2 and 6): the bureau's
 * reason when it decides that two inquiries are, or are not, about one person; a legal hold that
 * keeps an inquiry from retention and erasure; and each request to erase an inquirer's data, with
 * who asked, when, on what legal basis and what came of it, kept without the data erased (the
 * inquiry it names may be gone).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('inquiry_same_person').addColumn('reason', 'text').execute();
  await db.schema
    .alterTable('inquiry')
    .addColumn('legal_hold', 'text')
    .addColumn('legal_hold_by', 'text')
    .addColumn('legal_hold_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('inquiry_erasure')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('inquiry_id', 'uuid', (col) => col.notNull())
    .addColumn('inquiry_number', 'integer', (col) => col.notNull())
    .addColumn('scope', 'text', (col) => col.notNull().check(sql`scope in ('inquirer', 'inquiry')`))
    .addColumn('requester', 'text', (col) => col.notNull())
    .addColumn('requested_on', 'text', (col) => col.notNull())
    .addColumn('basis', 'text', (col) => col.notNull())
    .addColumn('basis_note', 'text')
    .addColumn('outcome', 'text', (col) =>
      col.notNull().check(sql`outcome in ('erased', 'refused')`),
    )
    .addColumn('refusal', 'text')
    .addColumn('recorded_by', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('inquiry_erasure_party')
    .on('inquiry_erasure')
    .columns(['mechanism_id', 'party_code', 'recorded_at'])
    .execute();
  await sql`alter table inquiry_erasure enable row level security`.execute(db);
  await sql`alter table inquiry_erasure force row level security`.execute(db);
  await sql`create policy inquiry_erasure_read on inquiry_erasure for select using (${SYSTEM} or ${own})`.execute(
    db,
  );
  // A record of erasure is written once and never changed: no update or delete policy.
  await sql`create policy inquiry_erasure_insert on inquiry_erasure for insert with check (${SYSTEM} or ${own})`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('inquiry_erasure').execute();
  await db.schema
    .alterTable('inquiry')
    .dropColumn('legal_hold')
    .dropColumn('legal_hold_by')
    .dropColumn('legal_hold_at')
    .execute();
  await db.schema.alterTable('inquiry_same_person').dropColumn('reason').execute();
}
