import type { Database } from '../../platform/db/kysely.ts';

// What other modules (the dashboard) read of the exchange: persons on the paths without name or
// record id, their moves and the stages. The exchanges module keeps the queries on its tables.

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
