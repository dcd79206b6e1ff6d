import { sql, type Kysely } from 'kysely';

const SYSTEM = sql`(select parley_is_system())`;
const own = sql`(mechanism_id::text || ':' || party_code) = any ((select parley_scope('write_parties'))::text[])`;

/**
 * The codes a party's bureau gives a family to follow its inquiry on the public status page
 * (issue 18, item 5): only the code's SHA-256 is kept (the code itself is shown once), with when
 * it expires, whether it was revoked, and how often it was used. Only the party's bureau reads
 * them; the page itself looks a code up as the system.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inquiry_family_code')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('inquiry_id', 'uuid', (col) =>
      col.notNull().references('inquiry.id').onDelete('cascade'),
    )
    .addColumn('code_hash', 'text', (col) => col.notNull().unique())
    .addColumn('issued_by', 'text', (col) => col.notNull())
    .addColumn('issued_at', 'timestamptz', (col) => col.notNull())
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('revoked_by', 'text')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('views', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_viewed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('inquiry_family_code_inquiry')
    .on('inquiry_family_code')
    .column('inquiry_id')
    .execute();
  await sql`alter table inquiry_family_code enable row level security`.execute(db);
  await sql`alter table inquiry_family_code force row level security`.execute(db);
  await sql`create policy inquiry_family_code_read on inquiry_family_code for select using (${SYSTEM} or ${own})`.execute(
    db,
  );
  for (const action of ['insert', 'update', 'delete'] as const) {
    const clause = action === 'insert' ? sql`with check` : sql`using`;
    await sql`create policy ${sql.raw(`inquiry_family_code_${action}`)} on inquiry_family_code for ${sql.raw(action)} ${clause} (${SYSTEM} or ${own})`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('inquiry_family_code').execute();
}
