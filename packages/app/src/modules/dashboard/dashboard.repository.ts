import { sql } from 'kysely';
import type { Database } from '../../platform/db/kysely.ts';

// The audit log is read here as its module publishes it: entries by mechanism and action. The
// exchange's persons, moves and stages are read through the exchanges module (exchange-reads.ts).

/** The newest audit entries of a mechanism with the given actions, newest first. */
export async function findRecentEntries(
  db: Database,
  mechanismId: string,
  actions: readonly string[],
  limit: number,
) {
  const rows = await db
    .selectFrom('audit_entry')
    .select(['seq', 'at', 'actor', 'action', 'object_ids', 'details'])
    .where('mechanism_id', '=', mechanismId)
    .where('action', 'in', [...actions])
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    objectIds: row.object_ids,
    details: row.details,
  }));
}

/** When each agreement's paths were first opened, from the audit log (`exchange.open`). */
export async function findFirstOpenings(db: Database, mechanismId: string) {
  const rows = await db
    .selectFrom('audit_entry')
    .select(['at', 'object_ids'])
    .where('mechanism_id', '=', mechanismId)
    .where('action', '=', 'exchange.open')
    .orderBy('seq')
    .execute();
  const first = new Map<string, Date>();
  for (const row of rows) {
    const agreementId = row.object_ids[0];
    if (agreementId && !first.has(agreementId)) first.set(agreementId, new Date(row.at));
  }
  return first;
}

/**
 * The newest entry of a mechanism with one of the given actions, or 0: the overview's figures
 * change only with such an entry, so an overview made since still holds.
 */
export async function lastEntrySeq(
  db: Database,
  mechanismId: string,
  actions: readonly string[],
): Promise<number> {
  // One descent of the index on (mechanism_id, action, seq) for each action: max(seq) over
  // "action in (...)" read every entry of those actions (100,000 moves: 2 ms a request, issue 17).
  const { rows } = await sql<{ last: string | number | null }>`
    select max(newest.seq) as last
    from (values ${sql.join(actions.map((action) => sql`(${action})`))}) as wanted (action)
    cross join lateral (
      select e.seq from audit_entry e
      where e.mechanism_id = ${mechanismId} and e.action = wanted.action
      order by e.seq desc limit 1
    ) as newest`.execute(db);
  return Number(rows[0]?.last ?? 0);
}
