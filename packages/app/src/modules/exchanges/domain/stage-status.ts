import { EXCEPTIONS, type PersonState } from './person-path.ts';

/**
 * A stage's status after its approval, read from where its persons are (DOMAIN.md: scheduled →
 * executing → completed). Approval itself is the mediator's act; after it the stage follows its
 * persons: it is executing once the first person has left the holding side (in transit), and
 * completed once every person on it has had the receipt confirmed, been closed, or left it by an
 * exception. Pure: the service applies it in the transaction that moves the person.
 */

export const STAGE_STATUSES = ['proposed', 'approved', 'executing', 'completed'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** The person has left the holding side: the stage is under way. */
const UNDER_WAY: readonly PersonState[] = [
  'in_transit',
  'handed_over',
  'receipt_confirmed',
  'closed',
];
/** The person's part of the stage is over: received and confirmed. */
const ARRIVED: readonly PersonState[] = ['receipt_confirmed', 'closed'];

export function stageStatusOf(current: StageStatus, persons: readonly PersonState[]): StageStatus {
  // Before approval nothing moves the stage: only the mediator approves it.
  if (current === 'proposed') return current;
  const started = persons.some((state) => UNDER_WAY.includes(state));
  if (!started) return current;
  const isOver = persons.every(
    (state) => ARRIVED.includes(state) || (EXCEPTIONS as readonly string[]).includes(state),
  );
  return isOver ? 'completed' : later(current, 'executing');
}

/** A stage never goes back: persons who left cannot return to the holding side. */
function later(a: StageStatus, b: StageStatus): StageStatus {
  return STAGE_STATUSES.indexOf(a) >= STAGE_STATUSES.indexOf(b) ? a : b;
}
