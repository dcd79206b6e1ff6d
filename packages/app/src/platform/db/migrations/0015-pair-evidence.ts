import type { Kysely } from 'kysely';

/**
 * A pair's weight is its prior, its fields' weights and what rival candidates take from it: the
 * review queue shows each, so that a reviewer sees why a pair is where it is. Null for pairs of
 * runs made before the engine told them apart.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('reconciliation_pair')
    .addColumn('prior_weight', 'double precision')
    .addColumn('rivals_weight', 'double precision')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('reconciliation_pair')
    .dropColumn('prior_weight')
    .dropColumn('rivals_weight')
    .execute();
}
