import type { Database } from '../../../platform/db/kysely.ts';

// The queries only the persons' paths make; what every use case reads is in shared/.

/** Adds persons to the path, skipping those already on it for the agreement; says how many were added. */
export async function insertPersons(
  db: Database,
  persons: ReadonlyArray<{
    mechanismId: string;
    agreementId: string;
    party: string;
    receivingParty: string;
    listVersionId: string;
    recordId: string;
    category: string;
    priority: string;
    rank: string | null;
    state: string;
  }>,
): Promise<number> {
  let added = 0;
  for (let start = 0; start < persons.length; start += 1_000) {
    const rows = await db
      .insertInto('exchange_person')
      .values(
        persons.slice(start, start + 1_000).map((p) => ({
          mechanism_id: p.mechanismId,
          agreement_id: p.agreementId,
          party_code: p.party,
          receiving_party: p.receivingParty,
          list_version_id: p.listVersionId,
          record_id: p.recordId,
          category: p.category,
          priority: p.priority,
          rank: p.rank,
          state: p.state,
        })),
      )
      .onConflict((oc) => oc.columns(['agreement_id', 'party_code', 'record_id']).doNothing())
      .returning('id')
      .execute();
    added += rows.length;
  }
  return added;
}

export function findTransitions(db: Database, personId: string) {
  return db
    .selectFrom('person_transition')
    .select(['from_state', 'to_state', 'reason', 'actor', 'at'])
    .where('person_id', '=', personId)
    .orderBy('seq')
    .execute();
}
