import { sql, type Kysely } from 'kysely';

/**
 * Reconciliation: runs over a mechanism's latest lists, the pairs each run found, every line's
 * outcome, and the reviewers' decisions, which outlive runs and carry over to new versions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reconciliation_run')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('queued', 'running', 'done', 'failed')`),
    )
    .addColumn('phase', 'text', (col) => col.notNull().defaultTo('queued'))
    .addColumn('progress', 'float8', (col) => col.notNull().defaultTo(0))
    .addColumn('settings', 'jsonb', (col) => col.notNull())
    .addColumn('versions', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('counts', 'jsonb')
    .addColumn('error', 'text')
    .addColumn('started_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('reconciliation_run_mechanism')
    .on('reconciliation_run')
    .columns(['mechanism_id', 'created_at'])
    .execute();

  // A line is named by party, kind and record_id; the version and fingerprint say which content.
  await db.schema
    .createTable('reconciliation_pair')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('run_id', 'uuid', (col) =>
      col.notNull().references('reconciliation_run.id').onDelete('cascade'),
    )
    .addColumn('mechanism_id', 'uuid', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('link', 'duplicate')`))
    .addColumn('left_party', 'text', (col) => col.notNull())
    .addColumn('left_kind', 'text', (col) => col.notNull())
    .addColumn('left_version_id', 'uuid', (col) => col.notNull())
    .addColumn('left_record_id', 'text', (col) => col.notNull())
    .addColumn('left_fingerprint', 'text', (col) => col.notNull())
    .addColumn('right_party', 'text', (col) => col.notNull())
    .addColumn('right_kind', 'text', (col) => col.notNull())
    .addColumn('right_version_id', 'uuid', (col) => col.notNull())
    .addColumn('right_record_id', 'text', (col) => col.notNull())
    .addColumn('right_fingerprint', 'text', (col) => col.notNull())
    .addColumn('weight', 'float8', (col) => col.notNull())
    .addColumn('probability', 'float8', (col) => col.notNull())
    .addColumn('engine_decision', 'text', (col) =>
      col.notNull().check(sql`engine_decision in ('match', 'possible')`),
    )
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('matched', 'open', 'confirmed', 'rejected')`),
    )
    // A decision was made on these records, but one of the lines has changed since.
    .addColumn('reopened', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('contributions', 'jsonb', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('reconciliation_pair_run')
    .on('reconciliation_pair')
    .columns(['run_id', 'status', 'weight'])
    .execute();

  await db.schema
    .createTable('line_outcome')
    .addColumn('run_id', 'uuid', (col) =>
      col.notNull().references('reconciliation_run.id').onDelete('cascade'),
    )
    .addColumn('mechanism_id', 'uuid', (col) => col.notNull())
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('version_id', 'uuid', (col) => col.notNull())
    .addColumn('record_id', 'text', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) =>
      col
        .notNull()
        .check(sql`outcome in ('acknowledged', 'possible', 'not_acknowledged', 'unrequested')`),
    )
    .addColumn('matched_record_id', 'text')
    .addColumn('duplicate_of', 'text')
    .addPrimaryKeyConstraint('line_outcome_pk', ['run_id', 'party_code', 'kind', 'record_id'])
    .execute();

  await db.schema
    .createTable('review_decision')
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('pair_key', 'text', (col) => col.notNull())
    .addColumn('decision', 'text', (col) =>
      col.notNull().check(sql`decision in ('confirmed', 'rejected')`),
    )
    .addColumn('left_fingerprint', 'text', (col) => col.notNull())
    .addColumn('right_fingerprint', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text', (col) => col.notNull())
    .addColumn('decided_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('review_decision_pk', ['mechanism_id', 'pair_key'])
    .execute();

  // Who was matched with whom is personal data of both sides: mediators, verifiers and break-glass
  // readers of the mechanism see it (the lines_mechanisms scope), and the system; nobody else.
  for (const table of ['reconciliation_pair', 'line_outcome', 'review_decision']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.table(table)} force row level security`.execute(db);
    await sql`create policy ${sql.raw(`${table}_all`)} on ${sql.table(table)} for all
      using ((select parley_is_system())
             or mechanism_id::text = any ((select parley_scope('lines_mechanisms'))::text[]))`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'review_decision',
    'line_outcome',
    'reconciliation_pair',
    'reconciliation_run',
  ])
    await db.schema.dropTable(table).execute();
}
