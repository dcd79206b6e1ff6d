import type { Database } from '../../../platform/db/kysely.ts';

/** Which of a party's same-person pairs a page shows: those waiting, or those decided. */
export type PairState = 'waiting' | 'decided';

/** A page of a party's same-person pairs, the waiting oldest first, the decided latest first. */
export async function findPairs(
  db: Database,
  query: { mechanismId: string; party: string; state: PairState; limit: number; offset: number },
) {
  const select = db
    .selectFrom('inquiry_same_person')
    .where('mechanism_id', '=', query.mechanismId)
    .where('party_code', '=', query.party)
    .where('status', 'in', query.state === 'waiting' ? ['proposed'] : ['confirmed', 'rejected']);
  const ordered =
    query.state === 'waiting'
      ? select.orderBy('found_at').orderBy('id')
      : select.orderBy('decided_at', 'desc').orderBy('id');
  const [{ total }, rows] = await Promise.all([
    select.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ordered.selectAll().limit(query.limit).offset(query.offset).execute(),
  ]);
  return { total: Number(total), rows };
}

export function findPair(db: Database, mechanismId: string, id: string) {
  return db
    .selectFrom('inquiry_same_person')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The inquirers of the inquiries named. */
export function findInquirers(db: Database, inquiryIds: readonly string[]) {
  if (inquiryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('inquiry_inquirer')
    .selectAll()
    .where('inquiry_id', 'in', inquiryIds)
    .execute();
}

/**
 * Records the bureau's decision on a pair not decided before (a sure pair of the engine's may be
 * undone); false when someone decided it meanwhile.
 */
export async function decidePair(
  db: Database,
  id: string,
  decision: { status: 'confirmed' | 'rejected'; reason: string | null; by: string; at: Date },
): Promise<boolean> {
  const updated = await db
    .updateTable('inquiry_same_person')
    .set({
      status: decision.status,
      reason: decision.reason,
      decided_by: decision.by,
      decided_at: decision.at,
    })
    .where('id', '=', id)
    .where('status', 'in', ['matched', 'proposed'])
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
