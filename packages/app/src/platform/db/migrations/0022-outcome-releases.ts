import { sql, type Kysely } from 'kysely';

/**
 * The outcome lists the mediator releases to a party (issue 16, item 6): which of the party's
 * sought persons the other side acknowledged or did not, and whom the other side holds without
 * the party having asked, as one finished reconciliation run concluded. A party sees of the
 * other side's data only what the mediator releases to it (DOMAIN.md), so each release names the
 * run, the party, the lists released, who released them and when.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outcome_release')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('run_id', 'uuid', (col) =>
      col.notNull().references('reconciliation_run.id').onDelete('cascade'),
    )
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('lists', sql`text[]`, (col) => col.notNull())
    .addColumn('released_by', 'text', (col) => col.notNull())
    .addColumn('released_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('outcome_release_party')
    .on('outcome_release')
    .columns(['mechanism_id', 'party_code', 'released_at'])
    .execute();
  // Who released what to whom is known to the mechanism's members; the lines themselves are read
  // by the service only for a party it was released to.
  await sql`alter table outcome_release enable row level security`.execute(db);
  await sql`alter table outcome_release force row level security`.execute(db);
  await sql`create policy outcome_release_all on outcome_release for all
    using ((select parley_is_system())
           or mechanism_id::text = any ((select parley_scope('members_mechanisms'))::text[]))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outcome_release').execute();
}
