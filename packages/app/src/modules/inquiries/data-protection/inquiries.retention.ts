import type { Database } from '../../../platform/db/kysely.ts';
import type { InquiryStatus } from '@parley/kernel/inquiry';

// The inquiries that retention periods reach (retention/domain/retention.ts names the
// categories): the retention module finds and deletes them through these, never the tables.
// An inquiry under a legal hold is never due.

/** Deletes inquiries with all that hangs on them (inquirer, history, matches, pairs, codes). */
export async function deleteInquiries(db: Database, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  let deleted = 0;
  for (let start = 0; start < ids.length; start += 5_000) {
    const result = await db
      .deleteFrom('inquiry')
      .where('id', 'in', ids.slice(start, start + 5_000))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

const dueIn = (statuses: readonly InquiryStatus[]) => ({
  /** The ids of inquiries in these states since before `before`, not held. */
  async findExpired(db: Database, before: Date): Promise<string[]> {
    const rows = await db
      .selectFrom('inquiry')
      .select('id')
      .where('status', 'in', statuses)
      .where('status_at', '<', before)
      .where('legal_hold', 'is', null)
      .orderBy('status_at')
      .execute();
    return rows.map((r) => r.id);
  },
  deleteExpired: deleteInquiries,
});

/** Closed inquiries, closed longer ago than the period. */
export const expiringClosedInquiries = dueIn(['closed']);

/** Answered inquiries (handed over, remains identified), unchanged for longer than the period. */
export const expiringAnsweredInquiries = dueIn(['handed_over', 'remains_identified']);
