import { AppError } from '../../platform/errors.ts';
import { isAllowed, type Actor } from '../access/index.ts';
import type { Mechanism } from '../mechanisms/index.ts';

/** The party a party officer acts for in a mechanism, when a request leaves it out. */
export function ownParty(actor: Actor, mechanism: Mechanism): string | null {
  return (
    actor.grants.find(
      (g) => g.mechanismId === mechanism.id && g.role === 'party_officer' && g.party,
    )?.party ?? null
  );
}

/** A party code of the mechanism, upper case; refused when the mechanism has no such party. */
export function partyOf(mechanism: Mechanism, code: string): string {
  const party = code.toUpperCase();
  if (!(mechanism.parties as readonly string[]).includes(party))
    throw new AppError(
      'REGISTRY.PARTY_NOT_IN_MECHANISM',
      `${code} is not a party of ${mechanism.name} (${mechanism.parties.join(', ')})`,
    );
  return party;
}

/** Which organisation an actor reads a party's inquiries as: its own bureau, the mediator, the ICRC. */
export function readerAs(
  actor: Actor,
  mechanismId: string,
  party: string,
): 'bureau' | 'mediator' | 'icrc' {
  if (actor.isSystem || isAllowed(actor, 'inquiry.inquirer', { mechanismId, party }))
    return 'bureau';
  const roles = actor.grants.filter((g) => g.mechanismId === mechanismId).map((g) => g.role);
  if (roles.includes('mediator')) return 'mediator';
  if (roles.includes('neutral_verifier')) return 'icrc';
  throw new AppError('ACCESS.FORBIDDEN', `not allowed to read ${party}'s inquiries`);
}
