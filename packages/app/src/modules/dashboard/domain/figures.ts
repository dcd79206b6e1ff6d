import type { Formula } from '@parley/kernel/agreement';
import {
  checkParity,
  countsForStage,
  type ParityReport,
  type PersonState,
} from '../../exchanges/domain/index.ts';
import { stateFor, type Viewer } from './viewer.ts';

/** A person on the path, as the dashboard counts them: no names, no record ids. */
export interface CountedPerson {
  readonly id: string;
  readonly agreementId: string;
  /** The holding party, which sends the person. */
  readonly party: string;
  readonly receivingParty: string;
  readonly category: string;
  readonly rank: string | null;
  readonly state: string;
  readonly stageId: string | null;
}

export interface StageInfo {
  readonly id: string;
  readonly agreementId: string;
  readonly number: number;
  readonly place: string;
  readonly date: string;
  readonly status: string;
  readonly formula: Formula;
}

export interface Count {
  readonly party: string;
  readonly key: string;
  readonly count: number;
}

/**
 * The persons the viewer is shown: for a party role, those its party holds or receives (what the
 * row policies let it read, checked again here); for the others, everyone on the path.
 */
export function personsSeenBy(viewer: Viewer, persons: readonly CountedPerson[]) {
  if (!viewer.readsExchange) return [];
  const { party } = viewer;
  return party === null
    ? [...persons]
    : persons.filter((p) => p.party === party || p.receivingParty === party);
}

/** How many persons each holding party has under each key (state as seen, or category). */
export function countBy(
  persons: readonly CountedPerson[],
  keyOf: (person: CountedPerson) => string,
): Count[] {
  const counts = new Map<string, Count>();
  for (const person of persons) {
    const key = keyOf(person);
    const id = `${person.party}\u0000${key}`;
    counts.set(id, { party: person.party, key, count: (counts.get(id)?.count ?? 0) + 1 });
  }
  return [...counts.values()].sort(
    (a, b) => a.party.localeCompare(b.party) || a.key.localeCompare(b.key),
  );
}

/** Counts by state (as the viewer may see it) and by category, per holding party. */
export function currentCounts(viewer: Viewer, persons: readonly CountedPerson[]) {
  const seen = personsSeenBy(viewer, persons);
  return {
    byState: countBy(seen, (p) => stateFor(viewer, p.state)),
    byCategory: countBy(seen, (p) => p.category),
  };
}

const asCandidate = (person: CountedPerson) => ({
  id: person.id,
  side: person.party,
  category: person.category,
  rank: person.rank,
  priority: '',
});

/**
 * Parity per category of the persons still on the main path, each side sending: counts only,
 * the same a stage's parity shows to every role that reads the exchange.
 */
export function parityOf(
  persons: readonly CountedPerson[],
  formula: Formula,
  sides: readonly [string, string],
): ParityReport {
  return checkParity(
    persons.filter((p) => countsForStage(p.state as PersonState)).map(asCandidate),
    formula,
    sides,
  );
}

/** The stages still to come (proposed or approved), soonest first, with their size and parity. */
export function nextStages(
  stages: readonly StageInfo[],
  persons: readonly CountedPerson[],
  sides: readonly [string, string],
) {
  return stages
    .filter((s) => s.status === 'proposed' || s.status === 'approved')
    .sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number)
    .map((stage) => {
      const inStage = persons.filter((p) => p.stageId === stage.id);
      const parity = parityOf(inStage, stage.formula, sides);
      return {
        id: stage.id,
        agreementId: stage.agreementId,
        number: stage.number,
        place: stage.place,
        date: stage.date,
        status: stage.status,
        bySide: Object.fromEntries(
          sides.map((side) => [
            side,
            inStage.filter((p) => p.party === side && countsForStage(p.state as PersonState))
              .length,
          ]),
        ),
        isBalanced: parity.isBalanced,
        isParityRequired: parity.isRequired,
      };
    });
}

export type DisputeKind = 'not_acknowledged' | 'data_mismatch' | 'refuses_return' | 'not_cleared';

export interface Dispute {
  readonly kind: DisputeKind;
  /** The seeking party for "not acknowledged"; the holding party for the others. */
  readonly party: string;
  readonly count: number;
}

/**
 * The open disputes the viewer may see: sought lines the other side did not acknowledge (only
 * for roles that read the reconciliation), and persons held up by a data mismatch or a refusal
 * to return (shown to the parties as "not cleared", since the wish stays with the verifier).
 */
export function disputesOf(
  viewer: Viewer,
  persons: readonly CountedPerson[],
  notAcknowledged: Readonly<Record<string, number>> | null,
): Dispute[] {
  const seen = personsSeenBy(viewer, persons);
  const disputes: Dispute[] = [];
  for (const party of viewer.sides) {
    if (notAcknowledged && viewer.readsReconciliation)
      disputes.push({ kind: 'not_acknowledged', party, count: notAcknowledged[party] ?? 0 });
    const held = seen.filter((p) => p.party === party);
    disputes.push({
      kind: 'data_mismatch',
      party,
      count: held.filter((p) => p.state === 'data_mismatch').length,
    });
    disputes.push({
      kind: viewer.seesWish ? 'refuses_return' : 'not_cleared',
      party,
      count: held.filter((p) => p.state === 'refuses_return').length,
    });
  }
  return disputes;
}
