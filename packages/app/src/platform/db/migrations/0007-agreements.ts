import { sql, type Kysely } from 'kysely';

const STATUSES = sql.raw(
  "'negotiating', 'agreed', 'lists_exchanged', 'verification', 'lists_finalised', 'scheduled', 'executing', 'completed', 'suspended', 'disputed'",
);

export async function up(db: Kysely<unknown>): Promise<void> {
  // An agreement of a mechanism; its terms live in versions, its state here.
  await db.schema
    .createTable('agreement')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in (${STATUSES})`))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('status_changed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('agreement_name_unique', ['mechanism_id', 'name'])
    .execute();

  // The terms, one immutable row per version: a stage names the version it used.
  await db.schema
    .createTable('agreement_version')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('agreement_id', 'uuid', (col) =>
      col.notNull().references('agreement.id').onDelete('cascade'),
    )
    .addColumn('mechanism_id', 'uuid', (col) => col.notNull())
    .addColumn('number', 'integer', (col) => col.notNull().check(sql`number > 0`))
    .addColumn('definition', 'jsonb', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('agreement_version_number_unique', ['agreement_id', 'number'])
    .execute();

  // One evaluation of an agreement version against list versions, with its counts.
  await db.schema
    .createTable('eligibility_evaluation')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('agreement_version_id', 'uuid', (col) =>
      col.notNull().references('agreement_version.id').onDelete('cascade'),
    )
    .addColumn('lists', 'jsonb', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // A line's eligibility under a version: deterministic, so written once per (version, line).
  await db.schema
    .createTable('eligibility_result')
    .addColumn('agreement_version_id', 'uuid', (col) =>
      col.notNull().references('agreement_version.id').onDelete('cascade'),
    )
    .addColumn('list_version_id', 'uuid', (col) => col.notNull())
    .addColumn('record_id', 'text', (col) => col.notNull())
    // Copied from the line, so that row-level security decides on the row's own columns.
    .addColumn('mechanism_id', 'uuid', (col) => col.notNull())
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('line_number', 'integer', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) =>
      col.notNull().check(sql`outcome in ('eligible', 'not_eligible', 'undetermined')`),
    )
    .addColumn('decided_by', 'text')
    .addColumn('clause', 'text')
    .addColumn('categories', sql`text[]`, (col) => col.notNull())
    .addColumn('undecided', sql`text[]`, (col) => col.notNull())
    .addColumn('missing', sql`text[]`, (col) => col.notNull())
    .addColumn('errors', sql`text[]`, (col) => col.notNull())
    .addPrimaryKeyConstraint('eligibility_result_pk', [
      'agreement_version_id',
      'list_version_id',
      'record_id',
    ])
    // Deleting a line (retention) deletes what was derived from it.
    .addForeignKeyConstraint(
      'eligibility_result_line_fk',
      ['list_version_id', 'record_id'],
      'list_line',
      ['version_id', 'record_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await sql`create index eligibility_result_list on eligibility_result (list_version_id, agreement_version_id, line_number)`.execute(
    db,
  );

  await sql`
    create function parley_forbid_agreement_change() returns trigger language plpgsql as $$
    begin
      raise exception '% of % is not allowed: agreement versions and their results are immutable', tg_op, tg_table_name;
    end $$`.execute(db);
  for (const table of ['agreement_version', 'eligibility_result']) {
    await sql`
      create trigger ${sql.raw(`${table}_immutable`)} before update on ${sql.table(table)}
      for each row execute function parley_forbid_agreement_change()`.execute(db);
  }

  // A line's result is personal data, visible as its line is: the mechanism's mediators,
  // verifiers and break-glass readers, and the line's own party. Written by those who see both
  // sides (the service lets only mediators evaluate) and by the system.
  await sql`alter table eligibility_result enable row level security`.execute(db);
  await sql`alter table eligibility_result force row level security`.execute(db);
  await sql`create policy eligibility_result_read on eligibility_result for select using (
      (select parley_is_system())
      or mechanism_id::text = any ((select parley_scope('lines_mechanisms'))::text[])
      or (mechanism_id::text || ':' || party_code) = any ((select parley_scope('lines_parties'))::text[])
    )`.execute(db);
  await sql`create policy eligibility_result_insert on eligibility_result for insert with check (
      (select parley_is_system())
      or mechanism_id::text = any ((select parley_scope('lines_mechanisms'))::text[])
    )`.execute(db);
  await sql`create policy eligibility_result_delete on eligibility_result for delete using ((select parley_is_system()))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'eligibility_result',
    'eligibility_evaluation',
    'agreement_version',
    'agreement',
  ])
    await db.schema.dropTable(table).execute();
  await sql`drop function parley_forbid_agreement_change()`.execute(db);
}
