// A linkage's plan: the comparisons, the candidate pairs blocking gives, and every value
// prepared once; and the random pairs from which u is estimated.
import {
  type BlockingRunner,
  type CandidatePairs,
  candidatePairs,
  candidatePairsWith,
} from '../block/blocking.ts';
import { buildComparison } from '../compare/comparators.ts';
import type { Comparison } from '../compare/levels.ts';
import { comparisonVectors, encodeColumns, type EncodedColumns } from '../compare/vectors.ts';
import { randomPairs } from '../train/random.ts';
import {
  type LinkRecord,
  type LinkSettings,
  type ResolvedSettings,
  resolveSettings,
} from './settings.ts';

/** What comes before the comparison vectors: the candidate pairs and every prepared value. */
export interface Plan {
  readonly settings: LinkSettings;
  readonly resolved: ResolvedSettings;
  readonly comparisons: readonly Comparison[];
  readonly left: readonly LinkRecord[];
  readonly other: readonly LinkRecord[];
  readonly within: boolean;
  readonly candidates: CandidatePairs;
  readonly leftColumns: EncodedColumns;
  readonly rightColumns: EncodedColumns;
}

export function planOf(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  settings: LinkSettings,
): Plan {
  const { maxBlockPairs } = resolveSettings(settings);
  const candidates = candidatePairs(left, right, settings.blocking.rules, maxBlockPairs);
  return planWith(left, right, settings, candidates);
}

/** `planOf` with the costliest blocking rules run by `runBlocking` (in a worker thread). */
export async function planOfWith(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  settings: LinkSettings,
  runBlocking: BlockingRunner,
): Promise<Plan> {
  const { maxBlockPairs } = resolveSettings(settings);
  const { rules } = settings.blocking;
  // This thread blocks by its rules before the call returns, then encodes the values while the
  // runner blocks by the others.
  const candidates = candidatePairsWith(left, right, rules, maxBlockPairs, runBlocking);
  void candidates.catch(() => undefined);
  const encoded = encodedOf(left, right, settings);
  return planWith(left, right, settings, await candidates, encoded);
}

/** The comparisons of the settings, and the values of both lists encoded for them. */
function encodedOf(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  settings: LinkSettings,
) {
  const comparisons = settings.comparisons.map(buildComparison);
  const leftColumns = encodeColumns(comparisons, left);
  const rightColumns = right === null ? leftColumns : encodeColumns(comparisons, right);
  return { comparisons, leftColumns, rightColumns };
}

function planWith(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  settings: LinkSettings,
  candidates: CandidatePairs,
  { comparisons, leftColumns, rightColumns } = encodedOf(left, right, settings),
): Plan {
  const resolved = resolveSettings(settings);
  const within = right === null;
  return {
    settings,
    resolved,
    comparisons,
    left,
    other: right ?? left,
    within,
    candidates,
    leftColumns,
    rightColumns,
  };
}

/** The comparison vectors of random pairs, from which u is estimated. */
export function sampleLevelsOf(plan: Plan, seed: number): Int8Array {
  const { left, other, within, resolved } = plan;
  // Drawn from the two lists in one order whichever is on the left, so that the same pairs are
  // drawn either way: a pair's probability is then the same from either side.
  const isSwapped = !within && isAfter(left, other);
  const [first, second] = isSwapped ? [other, left] : [left, other];
  const drawn = randomPairs(first.length, second.length, resolved.randomPairs, seed, within);
  const sample = isSwapped ? { left: drawn.right, right: drawn.left } : drawn;
  return comparisonVectors(
    plan.comparisons,
    plan.leftColumns,
    plan.rightColumns,
    sample.left,
    sample.right,
  );
}

/** Whether list a comes after list b in an order that does not depend on which is on the left. */
function isAfter(a: readonly LinkRecord[], b: readonly LinkRecord[]): boolean {
  if (a.length !== b.length) return a.length > b.length;
  for (const at of [0, a.length - 1]) {
    const [x, y] = [a[at]?.id ?? '', b[at]?.id ?? ''];
    if (x !== y) return x > y;
  }
  return false;
}
