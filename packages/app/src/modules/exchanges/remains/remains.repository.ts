import type { Database } from '../../../platform/db/kysely.ts';

/** A mechanism's batches of remains, oldest first, and all their bags (by label). */
export async function findBatchesWithBags(db: Database, mechanismId: string) {
  const batches = await db
    .selectFrom('remains_batch')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .orderBy('created_at')
    .execute();
  const bags = batches.length
    ? await db
        .selectFrom('remains_bag')
        .selectAll()
        .where(
          'batch_id',
          'in',
          batches.map((b) => b.id),
        )
        .orderBy('label')
        .execute()
    : [];
  return batches.map((batch) => ({ ...batch, bags: bags.filter((b) => b.batch_id === batch.id) }));
}
