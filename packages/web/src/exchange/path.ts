import type { MoveTarget, PathPerson, PersonState } from '../api/exchange.types.ts';
import type { Grant } from '../api/types.ts';

export { PERSON_STATES as STATE_ORDER } from '../api/exchange.types.ts';

type PathActor = 'holding_party' | 'receiving_party' | 'mediator' | 'neutral_verifier';

// A copy of the server's main path (person-path.ts), to offer only the steps a role may take.
const FORWARD: Partial<Record<PersonState, { to: MoveTarget; by: readonly PathActor[] }>> = {
  proposed: { to: 'acknowledged', by: ['holding_party', 'mediator'] },
  acknowledged: { to: 'identity_verified', by: ['neutral_verifier'] },
  identity_verified: { to: 'category_confirmed', by: ['mediator'] },
  category_confirmed: { to: 'fit_to_travel', by: ['neutral_verifier'] },
  fit_to_travel: { to: 'wish_verified', by: ['neutral_verifier'] },
  wish_verified: { to: 'approved', by: ['mediator'] },
  assigned: { to: 'in_transit', by: ['holding_party'] },
  in_transit: { to: 'handed_over', by: ['neutral_verifier'] },
  handed_over: { to: 'receipt_confirmed', by: ['receiving_party'] },
  receipt_confirmed: { to: 'closed', by: ['mediator'] },
};

function actorOf(grant: Grant, person: PathPerson): PathActor | null {
  switch (grant.role) {
    case 'mediator':
      return 'mediator';
    case 'neutral_verifier':
      return 'neutral_verifier';
    case 'party_officer':
      if (grant.party === person.party) return 'holding_party';
      return grant.party === person.receivingParty ? 'receiving_party' : null;
    case 'party_medical_officer':
    case 'observer':
    case 'emergency_reader':
      return null;
  }
}

/**
 * The next state this grant may move a person in a given state to, if any (approval into a stage
 * happens with the stage). The server decides again.
 */
export function nextStateFor(
  grant: Grant,
  state: PersonState,
  sample: PathPerson,
): MoveTarget | null {
  const step = FORWARD[state];
  const actor = actorOf(grant, sample);
  return step && actor && step.by.includes(actor) ? step.to : null;
}

/** Whether the grant records the wish to return (its refusal needs a reason). */
export const isWishStep = (grant: Grant, state: PersonState) =>
  grant.role === 'neutral_verifier' && state === 'fit_to_travel';
