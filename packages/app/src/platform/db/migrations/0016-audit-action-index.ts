import type { Kysely } from 'kysely';

/**
 * The log's entries of one mechanism by action, newest last. Reads of personal data make most of
 * the entries: without this, finding a mechanism's last change (the overview's activity, and
 * whether its cached figures still hold) walks back through every read since.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_entry_mechanism_action')
    .on('audit_entry')
    .columns(['mechanism_id', 'action', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_entry_mechanism_action').execute();
}
