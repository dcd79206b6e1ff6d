import type { Database } from '../../platform/db/kysely.ts';
import type { Mechanism, MechanismId, PartyCode } from './domain/mechanism.ts';

/** Inserts a mechanism and its parties; party codes not yet known are added. */
export async function insertMechanism(
  db: Database,
  mechanism: { name: string; parties: PartyCode[]; mediators: PartyCode[] },
): Promise<MechanismId> {
  const codes = [...mechanism.parties, ...mechanism.mediators];
  await db
    .insertInto('party')
    .values(codes.map((code) => ({ code, name: code })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const { id } = await db
    .insertInto('mechanism')
    .values({ name: mechanism.name })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('mechanism_party')
    .values([
      ...mechanism.parties.map((code) => ({
        mechanism_id: id,
        party_code: code,
        role: 'party' as const,
      })),
      ...mechanism.mediators.map((code) => ({
        mechanism_id: id,
        party_code: code,
        role: 'mediator' as const,
      })),
    ])
    .execute();
  return id as MechanismId;
}

export async function findMechanisms(
  db: Database,
  where: { id?: string; name?: string } = {},
): Promise<Mechanism[]> {
  let query = db
    .selectFrom('mechanism as m')
    .innerJoin('mechanism_party as mp', 'mp.mechanism_id', 'm.id')
    .select(['m.id', 'm.name', 'm.created_at', 'mp.party_code', 'mp.role'])
    .orderBy('m.created_at')
    .orderBy('mp.party_code');
  if (where.id !== undefined) query = query.where('m.id', '=', where.id);
  if (where.name !== undefined) query = query.where('m.name', '=', where.name);
  const rows = await query.execute();
  const byId = new Map<string, Mechanism>();
  for (const row of rows) {
    let mechanism = byId.get(row.id);
    if (!mechanism) {
      mechanism = {
        id: row.id as MechanismId,
        name: row.name,
        parties: [] as unknown as [PartyCode, PartyCode],
        mediators: [],
        createdAt: row.created_at,
      };
      byId.set(row.id, mechanism);
    }
    (row.role === 'party' ? mechanism.parties : mechanism.mediators).push(
      row.party_code as PartyCode,
    );
  }
  return [...byId.values()];
}
