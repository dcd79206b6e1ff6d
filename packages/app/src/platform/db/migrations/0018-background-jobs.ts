import { sql, type Kysely } from 'kysely';

/**
 * Background jobs claimed through the database, so that several server instances on one
 * PostgreSQL run each job once (platform/jobs): a row per job that is queued or running, keyed so
 * that one key has one job at a time, held by one instance for a lease that its heartbeat renews.
 * A job whose instance died is taken over once its lease has run out. Reconciliations left
 * unfinished before this table existed are queued here, to be started again by the first
 * instance that looks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('background_job')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('payload', 'json', (col) => col.notNull())
    // The instance that holds the job, and until when; a lease in the past is anyone's to take.
    .addColumn('owner', 'text', (col) => col.notNull())
    .addColumn('lease_until', 'timestamptz', (col) => col.notNull())
    // Each claim counts one: a fencing token, so that an instance that lost its lease cannot commit.
    .addColumn('attempt', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('background_job_lease')
    .on('background_job')
    .columns(['lease_until'])
    .execute();
  await sql`
    insert into background_job (key, kind, payload, owner, lease_until, attempt)
    select distinct on (mechanism_id)
      'reconciliation:' || mechanism_id, 'reconciliation', json_build_object('runId', id),
      'none', '-infinity', 0
    from reconciliation_run where status in ('queued', 'running')
    order by mechanism_id, created_at desc`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('background_job').execute();
}
