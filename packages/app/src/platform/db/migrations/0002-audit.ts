import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // object_ids and details are json, not jsonb: json keeps the canonical text as written, so that
  // verifying hashes that text as stored instead of parsing and re-serialising a million entries.
  await db.schema
    .createTable('audit_entry')
    // Assigned by the appender under a lock, not by a sequence: the hash covers it, and a chain has no gaps.
    .addColumn('seq', 'bigint', (col) => col.primaryKey().check(sql`seq > 0`))
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('mechanism_id', 'uuid')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('object_ids', 'json', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('request_id', 'text')
    .addColumn('details', 'json', (col) => col.notNull())
    .addColumn('prev_hash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('audit_entry_mechanism')
    .on('audit_entry')
    .columns(['mechanism_id', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_checkpoint')
    .addColumn('seq', 'bigint', (col) => col.primaryKey().references('audit_entry.seq'))
    .addColumn('hash', 'text', (col) => col.notNull())
    .addColumn('signed_at', 'text', (col) => col.notNull())
    .addColumn('key_id', 'text', (col) => col.notNull())
    .addColumn('signature', 'text', (col) => col.notNull())
    .execute();

  // Append-only: no UPDATE, DELETE or TRUNCATE, whoever asks; grants say the same to other roles.
  await sql`
    create function parley_audit_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only: % of % is not allowed', tg_op, tg_table_name;
    end $$`.execute(db);
  for (const table of ['audit_entry', 'audit_checkpoint']) {
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function parley_audit_append_only()`.execute(db);
    await sql`
      create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function parley_audit_append_only()`.execute(db);
    await sql`revoke update, delete, truncate on ${sql.table(table)} from public`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_checkpoint').execute();
  await db.schema.dropTable('audit_entry').execute();
  await sql`drop function parley_audit_append_only()`.execute(db);
}
