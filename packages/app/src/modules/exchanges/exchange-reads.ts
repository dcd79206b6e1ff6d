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

/**
 * Where each person of a party's held lists stands on the paths, by record id, with the day he
 * was handed over: what families' inquiries report once matched (in the caller's row scope).
 */
export function findPathsOfRecords(db: Database, mechanismId: string, holder: string) {
  return db
    .selectFrom('exchange_person as p')
    .select([
      'p.record_id',
      'p.state',
      'p.stage_id',
      (eb) =>
        eb
          .selectFrom('person_transition as t')
          .select((t) => t.fn.max('t.at').as('at'))
          .whereRef('t.person_id', '=', 'p.id')
          .where('t.to_state', '=', 'handed_over')
          .as('handed_over_at'),
    ])
    .where('p.mechanism_id', '=', mechanismId)
    .where('p.party_code', '=', holder)
    .execute();
}
