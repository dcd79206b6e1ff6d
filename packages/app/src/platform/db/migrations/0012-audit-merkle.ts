import { sql, type Kysely } from 'kysely';

/**
 * The audit log as a Merkle tree (RFC 9162): signed tree heads, each naming the head before it,
 * and the roots of the tree's larger perfect subtrees, so that proofs need a few rows, not the
 * whole log. Both tables are append-only, as the entries are; the nodes are derived from the
 * entries and never trusted by verification, which recomputes the tree. A signature on a
 * manifest or receipt names the head signed with it, which the file carries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_tree_head')
    .addColumn('tree_size', 'bigint', (col) => col.primaryKey().check(sql`tree_size > 0`))
    .addColumn('root_hash', 'text', (col) => col.notNull())
    .addColumn('signed_at', 'text', (col) => col.notNull())
    .addColumn('previous_size', 'bigint')
    .addColumn('previous_root', 'text')
    .addColumn('key_id', 'text', (col) => col.notNull())
    .addColumn('signature', 'text', (col) => col.notNull())
    .execute();
  // A perfect subtree of 2^level leaves starting at leaf node_index · 2^level (levels ≥ 8 only).
  await db.schema
    .createTable('audit_tree_node')
    .addColumn('level', 'smallint', (col) => col.notNull())
    .addColumn('node_index', 'bigint', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('audit_tree_node_pk', ['level', 'node_index'])
    .execute();
  for (const table of ['audit_tree_head', 'audit_tree_node']) {
    await sql`
      create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function parley_audit_append_only()`.execute(db);
    await sql`
      create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function parley_audit_append_only()`.execute(db);
    await sql`revoke update, delete, truncate on ${sql.table(table)} from public`.execute(db);
    await sql`revoke update, delete, truncate on ${sql.table(table)} from parley_app`.execute(db);
    await sql`grant select, insert on ${sql.table(table)} to parley_app`.execute(db);
  }
  await db.schema.alterTable('manifest_signature').addColumn('log_tree_size', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('manifest_signature').dropColumn('log_tree_size').execute();
  await db.schema.dropTable('audit_tree_node').execute();
  await db.schema.dropTable('audit_tree_head').execute();
}
