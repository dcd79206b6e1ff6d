import type { Database } from '../../platform/db/kysely.ts';
import { expiringSessions } from '../access/index.ts';
import { expiringAnsweredInquiries, expiringClosedInquiries } from '../inquiries/index.ts';
import { expiringHealthData, expiringSupersededVersions } from '../registry/index.ts';
import type { RetentionCategory } from './domain/retention.ts';

export async function findPolicies(
  db: Database,
): Promise<Array<{ category: string; days: number }>> {
  return db
    .selectFrom('retention_policy')
    .select(['category', 'days'])
    .orderBy('category')
    .execute();
}

export async function upsertPolicy(
  db: Database,
  category: string,
  days: number,
  setBy: string,
): Promise<void> {
  await db
    .insertInto('retention_policy')
    .values({ category, days, set_by: setBy })
    .onConflict((oc) =>
      oc.column('category').doUpdateSet({ days, set_by: setBy, set_at: new Date() }),
    )
    .execute();
}

/** Where the data of each category lives: the owning module finds and deletes it. */
const HOLDERS = {
  health: expiringHealthData,
  superseded_versions: expiringSupersededVersions,
  sessions: expiringSessions,
  inquiries_closed: expiringClosedInquiries,
  inquiries_answered: expiringAnsweredInquiries,
} as const satisfies Record<RetentionCategory, unknown>;

/** The ids of what has expired in a category: version ids, session hashes, or inquiry ids. */
export function findExpired(
  db: Database,
  category: RetentionCategory,
  before: Date,
): Promise<string[]> {
  return HOLDERS[category].findExpired(db, before);
}

/** Deletes what `findExpired` found; returns the number of rows removed. */
export async function deleteExpired(
  db: Database,
  category: RetentionCategory,
  ids: string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  return HOLDERS[category].deleteExpired(db, ids);
}
