import { AppError } from '../../platform/errors.ts';
import type { Database } from '../../platform/db/kysely.ts';
import { brokenUniqueConstraint } from '../../platform/db/unique-violation.ts';
import { authorize, type Actor, type Permission } from '../access/index.ts';
import type { Mechanism, MechanismsService } from '../mechanisms/index.ts';
import { findCeasefire } from './ceasefires.repository.ts';

/** The mechanism of a request, once the actor is allowed the permission there (for a party, when given). */
export async function mechanismFor(
  mechanisms: MechanismsService,
  actor: Actor,
  ref: string,
  permission: Permission,
  party?: string,
): Promise<Mechanism> {
  const mechanism = await mechanisms.get(actor, ref);
  authorize(actor, permission, { mechanismId: mechanism.id, ...(party ? { party } : {}) });
  return mechanism;
}

/** A party code of the mechanism, upper-cased; REGISTRY.PARTY_NOT_IN_MECHANISM otherwise. */
export function partyOf(mechanism: Mechanism, code: string): string {
  const party = code.toUpperCase();
  if (!(mechanism.parties as readonly string[]).includes(party))
    throw new AppError(
      'REGISTRY.PARTY_NOT_IN_MECHANISM',
      `${code} is not a party of ${mechanism.name} (${mechanism.parties.join(', ')})`,
    );
  return party;
}

/** The party a party officer acts for in a mechanism, for requests that leave it out. */
export function ownParty(actor: Actor, mechanism: Mechanism): string {
  const grant = actor.grants.find(
    (g) => g.mechanismId === mechanism.id && g.role === 'party_officer' && g.party,
  );
  if (!grant?.party) throw new AppError('VALIDATION.INVALID_INPUT', 'party: say whose notes');
  return grant.party;
}

/**
 * Runs `work`; when another request took the same unique name meanwhile (the database's unique
 * constraint, not the check before it, caught it), answers TALKS.NAME_TAKEN with `message`.
 */
export async function refusingTakenName<T>(
  constraint: string,
  message: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (brokenUniqueConstraint(error) === constraint)
      throw new AppError('TALKS.NAME_TAKEN', message);
    throw error;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A ceasefire regime of the mechanism by id or name, locked for the transaction; TALKS.NOT_FOUND otherwise. */
export async function regimeOf(trx: Database, mechanism: Mechanism, ref: string) {
  const regime = await findCeasefire(trx, mechanism.id, ref, UUID.test(ref));
  if (!regime)
    throw new AppError('TALKS.NOT_FOUND', `no ceasefire regime "${ref}" in ${mechanism.name}`);
  return regime;
}
