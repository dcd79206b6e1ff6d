import type { Kysely } from 'kysely';

/**
 * Lines are read in file order, a page at a time (whole lists for reconciliation and
 * eligibility, pages of a list for people). Without this index each page sorted the whole
 * version again, so reading a list took time in the square of its length.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('list_line_version_order')
    .on('list_line')
    .columns(['version_id', 'line_number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('list_line_version_order').execute();
}
