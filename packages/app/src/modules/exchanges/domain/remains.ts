/**
 * Repatriation of remains (DOMAIN.md: offered → accepted → transferred → received → examined →
 * identified | unidentified | foreign). Bodies travel in batches of bags; a bag may hold more than
 * one person, and may turn out to hold the other side's dead, who are then returned. Parity is
 * of bodies between the two directions, as the parties count them.
 */

export const BATCH_STATES = ['offered', 'accepted', 'transferred', 'received'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export const BAG_STATES = ['pending', 'examined', 'identified', 'unidentified', 'foreign'] as const;
export type BagState = (typeof BAG_STATES)[number];

/** Who moves a batch: the sending party offers and transfers, the receiving party accepts and receives. */
export function batchStepOf(
  from: BatchState,
): { to: BatchState; by: 'sending' | 'receiving' } | null {
  switch (from) {
    case 'offered':
      return { to: 'accepted', by: 'receiving' };
    case 'accepted':
      return { to: 'transferred', by: 'sending' };
    case 'transferred':
      return { to: 'received', by: 'receiving' };
    case 'received':
      return null;
  }
}

/** Examination happens after receipt, by the receiving side: the bag's outcome. */
export function mayExamine(batch: BatchState, bag: BagState, to: BagState): string | null {
  if (batch !== 'received') return 'bags are examined once the batch is received';
  if (to === 'pending') return 'a bag cannot go back to pending';
  if (bag === 'foreign') return 'a bag found to hold the other side’s dead is closed';
  if (bag !== 'pending' && bag !== 'examined' && to === 'examined')
    return `a bag already ${bag} is not examined again`;
  return null;
}

export interface BagCount {
  readonly from: string;
  readonly to: string;
  readonly bodies: number;
  readonly state: BagState;
  readonly batchState: BatchState;
}

export interface RemainsParity {
  /** Bodies sent in each direction (`UA->RU`), once transferred, foreign bags left out. */
  readonly bodies: Record<string, number>;
  /** Bodies found to be the sender's own dead: they count for neither side and go back. */
  readonly foreign: Record<string, number>;
  readonly identified: Record<string, number>;
  readonly isBalanced: boolean;
}

/** Parity of bodies between the two directions, counting only what has been transferred. */
export function remainsParity(
  sides: readonly [string, string],
  bags: readonly BagCount[],
): RemainsParity {
  const [a, b] = sides;
  const directions = [`${a}->${b}`, `${b}->${a}`];
  const zero = () => Object.fromEntries(directions.map((d) => [d, 0])) as Record<string, number>;
  const bodies = zero();
  const foreign = zero();
  const identified = zero();
  for (const bag of bags) {
    if (bag.batchState !== 'transferred' && bag.batchState !== 'received') continue;
    const direction = `${bag.from}->${bag.to}`;
    if (bag.state === 'foreign') foreign[direction] = (foreign[direction] ?? 0) + bag.bodies;
    else bodies[direction] = (bodies[direction] ?? 0) + bag.bodies;
    if (bag.state === 'identified')
      identified[direction] = (identified[direction] ?? 0) + bag.bodies;
  }
  return {
    bodies,
    foreign,
    identified,
    isBalanced: bodies[directions[0]!] === bodies[directions[1]!],
  };
}
