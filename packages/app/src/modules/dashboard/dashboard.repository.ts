import type { Database } from '../../platform/db/kysely.ts';

/**
 * The persons on a mechanism's paths, with no name or record id: what the dashboard counts.
 * Read in the caller's row scope, so that a role sees only the rows its policies let it read.
 */
export function findCountedPersons(db: Database, mechanismId: string) {
  return db
    .selectFrom('exchange_person')
    .select([
      'id',
      'agreement_id',
      'party_code',
      'receiving_party',
      'category',
      'rank',
      'state',
      'stage_id',
    ])
    .where('mechanism_id', '=', mechanismId)
    .execute();
}

/** Every move on a mechanism's paths, oldest first (in the caller's row scope). */
export function findMoves(db: Database, mechanismId: string) {
  return db
    .selectFrom('person_transition')
    .select(['person_id', 'from_state', 'to_state', 'at'])
    .where('mechanism_id', '=', mechanismId)
    .orderBy('seq')
    .execute();
}

export function findStages(db: Database, mechanismId: string) {
  return db
    .selectFrom('stage')
    .select(['id', 'agreement_id', 'number', 'place', 'date', 'status', 'formula'])
    .where('mechanism_id', '=', mechanismId)
    .execute();
}

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
