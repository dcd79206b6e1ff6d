/**
 * Each person's path from a list to the handover (DOMAIN.md, "Workflow states"): the states, who
 * may move a person from one to the next, and what each move requires. Pure: the service checks
 * the actor's grants against `mayMove`, then records the move and audits it.
 */

export const MAIN_PATH = [
  'proposed',
  'acknowledged',
  'identity_verified',
  'category_confirmed',
  'fit_to_travel',
  'wish_verified',
  'approved',
  'assigned',
  'in_transit',
  'handed_over',
  'receipt_confirmed',
  'closed',
] as const;

/** Ways off the main path. Each needs a reason; some can be undone by the role that set them. */
export const EXCEPTIONS = [
  'not_found',
  'deceased',
  'refuses_return',
  'legal_hold',
  'withdrawn',
  'data_mismatch',
  'already_released',
] as const;

export type MainState = (typeof MAIN_PATH)[number];
export type ExceptionState = (typeof EXCEPTIONS)[number];
export type PersonState = MainState | ExceptionState;

/** Every state as a reader may see it: a party sees "cleared" or "not_cleared" for the wish interview. */
export const SEEN_STATES = [...MAIN_PATH, ...EXCEPTIONS, 'cleared', 'not_cleared'] as const;
export type SeenState = (typeof SEEN_STATES)[number];

/** Who acts on the path: the holding and the receiving party, the mediator, the verifier. */
export type PathActor = 'holding_party' | 'receiving_party' | 'mediator' | 'neutral_verifier';

interface Step {
  readonly to: PersonState;
  readonly by: readonly PathActor[];
  /** What the move requires besides the actor's role. */
  readonly needs?: 'reason' | 'stage';
}

// The main path's steps; each state's next step, and who may take it.
const FORWARD: Record<Exclude<MainState, 'closed'>, Step> = {
  proposed: { to: 'acknowledged', by: ['holding_party', 'mediator'] },
  acknowledged: { to: 'identity_verified', by: ['neutral_verifier'] },
  identity_verified: { to: 'category_confirmed', by: ['mediator'] },
  category_confirmed: { to: 'fit_to_travel', by: ['neutral_verifier'] },
  // Only the neutral verifier learns the person's wish, in a private interview.
  fit_to_travel: { to: 'wish_verified', by: ['neutral_verifier'] },
  wish_verified: { to: 'approved', by: ['mediator'] },
  approved: { to: 'assigned', by: ['mediator'], needs: 'stage' },
  assigned: { to: 'in_transit', by: ['holding_party'] },
  in_transit: { to: 'handed_over', by: ['neutral_verifier'] },
  handed_over: { to: 'receipt_confirmed', by: ['receiving_party'] },
  receipt_confirmed: { to: 'closed', by: ['mediator'] },
};

// Who may set each exception, and from which states (before the handover, unless said).
const EXCEPTION_RULES: Record<ExceptionState, { by: readonly PathActor[]; from: 'open' | 'any' }> =
  {
    not_found: { by: ['holding_party'], from: 'open' },
    deceased: { by: ['holding_party', 'neutral_verifier'], from: 'open' },
    refuses_return: { by: ['neutral_verifier'], from: 'open' },
    legal_hold: { by: ['holding_party'], from: 'open' },
    withdrawn: { by: ['mediator'], from: 'open' },
    data_mismatch: { by: ['holding_party', 'receiving_party', 'mediator'], from: 'open' },
    already_released: { by: ['mediator', 'neutral_verifier'], from: 'open' },
  };

/** Before the person leaves: exceptions may still be set. */
const OPEN_STATES = new Set<PersonState>(MAIN_PATH.slice(0, MAIN_PATH.indexOf('in_transit')));

export type MoveVerdict =
  { ok: true; needs: 'reason' | 'stage' | null } | { ok: false; problem: string };

/** Whether an actor may move a person from one state to another, and what the move needs. */
export function mayMove(from: PersonState, to: PersonState, actor: PathActor): MoveVerdict {
  if ((EXCEPTIONS as readonly string[]).includes(to)) {
    const rule = EXCEPTION_RULES[to as ExceptionState];
    // At the handover point the verifier may still hear a person refuse to cross: the one
    // exception a person in transit can take, and only the verifier records it.
    if (from === 'in_transit' && to === 'refuses_return') {
      return actor === 'neutral_verifier'
        ? { ok: true, needs: 'reason' }
        : { ok: false, problem: `only neutral verifier may record ${label(to)} at the handover` };
    }
    if (!OPEN_STATES.has(from)) {
      return { ok: false, problem: `a person who is ${label(from)} can no longer be ${label(to)}` };
    }
    if (!rule.by.includes(actor)) {
      return { ok: false, problem: `only ${list(rule.by)} may record ${label(to)}` };
    }
    return { ok: true, needs: 'reason' };
  }
  // Back from an exception to where the path resumes: only data mismatch and legal hold lift.
  if (from === 'data_mismatch' || from === 'legal_hold') {
    if (to !== 'proposed') {
      return {
        ok: false,
        problem: `from ${label(from)} a person returns to proposed, not ${label(to)}`,
      };
    }
    const by: readonly PathActor[] = from === 'legal_hold' ? ['holding_party'] : ['mediator'];
    return by.includes(actor)
      ? { ok: true, needs: 'reason' }
      : { ok: false, problem: `only ${list(by)} may lift ${label(from)}` };
  }
  if (from === 'closed' || (EXCEPTIONS as readonly string[]).includes(from)) {
    return { ok: false, problem: `a person who is ${label(from)} cannot move on` };
  }
  const step = FORWARD[from as Exclude<MainState, 'closed'>];
  if (step.to !== to) {
    return {
      ok: false,
      problem: `from ${label(from)} the next step is ${label(step.to)}, not ${label(to)}`,
    };
  }
  if (!step.by.includes(actor)) {
    return { ok: false, problem: `only ${list(step.by)} may move a person to ${label(to)}` };
  }
  return { ok: true, needs: step.needs ?? null };
}

/**
 * The state as a party sees it: the wish interview stays with the verifier, so the parties see
 * only whether the person was cleared.
 */
export function stateSeenByParty(state: PersonState): PersonState | 'cleared' | 'not_cleared' {
  if (state === 'wish_verified') return 'cleared';
  if (state === 'refuses_return') return 'not_cleared';
  return state;
}

/** Whether a person in this state still counts towards a stage (for parity). */
export function countsForStage(state: PersonState): boolean {
  return (MAIN_PATH as readonly string[]).includes(state);
}

const label = (state: string) => state.replaceAll('_', ' ');
const list = (actors: readonly PathActor[]) =>
  actors.map(label).join(actors.length > 2 ? ', ' : ' or ');
