import { NumberTable } from '../collections/number-table.ts';
import { type Comparison, type Evidence, MISSING } from '../compare/levels.ts';

/** The trained m and u probabilities of one comparison's levels. */
export interface FieldParameters {
  readonly field: string;
  readonly levels: readonly string[];
  readonly codes: readonly string[];
  readonly evidence: readonly Evidence[];
  /** P(level | match). */
  readonly m: readonly number[];
  /** P(level | non-match), from random pairs and the prior: what scoring uses. */
  readonly u: readonly number[];
}

/** What training found. */
export interface TrainedModel {
  /** The prior: the probability that two records drawn at random (any pair, not only candidates) match. */
  readonly lambda: number;
  /** The number of true pairs the model expects between (or within) the lists. */
  readonly expectedMatches: number;
  readonly fields: readonly FieldParameters[];
  readonly iterations: number;
  readonly converged: boolean;
}

// No level is impossible: a floor keeps every weight finite.
const FLOOR = 1e-7;

/** The fewest bits by which a level of agreement counts for a match (and disagreement against). */
export const MIN_EVIDENCE_BITS = 1;

/**
 * u per level from the comparison vectors of random pairs, each counted by its weight (its
 * chance of being a non-match; 1 when not given), with the comparison's prior u worth
 * `priorStrength` pairs: a small list's few pairs cannot overrule what is known of names and dates.
 */
export function estimateU(
  levels: Int8Array,
  comparisons: readonly Pick<Comparison, 'prior'>[],
  priorStrength: number,
  weights: Float64Array | null = null,
): number[][] {
  const width = comparisons.length;
  const counts = comparisons.map((c) => new Float64Array(c.prior.u.length));
  const rows = width === 0 ? 0 : levels.length / width;
  for (let i = 0; i < rows; i++) {
    const weight = weights === null ? 1 : weights[i]!;
    for (let f = 0; f < width; f++) {
      const level = levels[i * width + f]!;
      if (level !== MISSING) counts[f]![level]! += weight;
    }
  }
  return comparisons.map((comparison, f) =>
    posteriorMean(counts[f]!, comparison.prior.u, priorStrength),
  );
}

/** (counts + strength × prior) normalised: a Dirichlet posterior's mean. */
function posteriorMean(
  counts: ArrayLike<number>,
  prior: readonly number[],
  strength: number,
): number[] {
  let total = strength;
  for (let l = 0; l < prior.length; l++) total += counts[l]!;
  return prior.map((p, l) => Math.max(FLOOR, (counts[l]! + strength * p) / total));
}

/** The distinct comparison vectors of the pairs: EM runs over these, not over the pairs. */
export interface Patterns {
  /** The levels of pattern p: rows[p * width .. (p + 1) * width). */
  readonly rows: Int8Array;
  /** Each pair's pattern. */
  readonly ids: Int32Array;
  readonly count: number;
}

/**
 * The distinct comparison vectors of the pairs and each pair's: one pass with a hash table of
 * numbers (each vector read as a number in base highest level + 2), millions of pairs cheaply.
 */
export function patternsOf(levels: Int8Array, width: number): Patterns {
  const n = width === 0 ? 0 : levels.length / width;
  let highest = 0;
  for (const level of levels) if (level > highest) highest = level;
  const radix = highest + 2;
  const exact = radix ** width <= Number.MAX_SAFE_INTEGER;
  const table = new NumberTable();
  const textIds = new Map<string, number>();
  const ids = new Int32Array(n);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    let id: number;
    if (exact) {
      let key = 0;
      for (let f = 0; f < width; f++) key = key * radix + levels[i * width + f]! - MISSING;
      id = table.idOf(key);
    } else {
      const key = String.fromCharCode(
        ...levels.subarray(i * width, (i + 1) * width).map((l) => l + 66),
      );
      id = textIds.get(key) ?? rows.length / width;
      textIds.set(key, id);
    }
    if (id === rows.length / Math.max(1, width)) {
      for (let f = 0; f < width; f++) rows.push(levels[i * width + f]!);
    }
    ids[i] = id;
  }
  return { rows: Int8Array.from(rows), ids, count: width === 0 ? 0 : rows.length / width };
}

/** How many of the given pairs (all when null) have each pattern. */
export function patternCounts(patterns: Patterns, pairs: Int32Array | null): Float64Array {
  const counts = new Float64Array(patterns.count);
  if (pairs === null) for (const id of patterns.ids) counts[id]!++;
  else for (const pair of pairs) counts[patterns.ids[pair]!]!++;
  return counts;
}

/**
 * m moved, where it must, so that each level counts the way its evidence says by at least
 * MIN_EVIDENCE_BITS against u; the levels free to move take up the difference. A level once
 * moved to its bound stays there, so this ends within as many rounds as there are levels.
 */
export function constrainM(
  m: readonly number[],
  u: readonly number[],
  evidence: readonly Evidence[],
): number[] {
  const out = [...m];
  const isPinned = out.map(() => false);
  for (let round = 0; round < out.length; round++) {
    let isChanged = false;
    out.forEach((value, l) => {
      if (isPinned[l]) return;
      const least = u[l]! * 2 ** MIN_EVIDENCE_BITS;
      const most = u[l]! * 2 ** -MIN_EVIDENCE_BITS;
      if (evidence[l] === 1 && value < least) out[l] = Math.min(least, 1);
      else if (evidence[l] === -1 && value > most) out[l] = Math.max(most, FLOOR);
      else return;
      isPinned[l] = true;
      isChanged = true;
    });
    if (!isChanged) break;
    let pinned = 0;
    let free = 0;
    out.forEach((value, l) => (isPinned[l] ? (pinned += value) : (free += value)));
    if (free > 0) {
      const scale = Math.max(0, 1 - pinned) / free;
      out.forEach((value, l) => {
        if (!isPinned[l]) out[l] = Math.max(FLOOR, value * scale);
      });
    }
  }
  // Bounds no m can meet (a u so large that agreement cannot weigh 1 bit): the nearest m.
  const total = out.reduce((sum, value) => sum + value, 0);
  return total > 1 + 1e-9 ? out.map((value) => value / total) : out;
}

/** One run of EM: with which fields left out, from where, how strongly held. */
export interface EmOptions {
  readonly maxIterations: number;
  readonly tolerance: number;
  /** Per field: learn nothing of it here (the pairs were chosen for agreeing on it). */
  readonly ignored?: readonly boolean[];
  /** The share of matches among the pairs expected before training, and its weight in pairs. */
  readonly initialLambda: number;
  readonly lambdaStrength: number;
  /** The weight of each comparison's prior m, in pseudo-matches. */
  readonly mStrength: number;
  /** m to start from (a previous round's); the comparisons' prior m otherwise. */
  readonly startM?: readonly (readonly number[])[];
}

/** What one run of EM found. */
export interface EmResult {
  readonly m: number[][];
  /** The share of matches among the pairs trained on. */
  readonly lambda: number;
  /** The matches expected among those pairs: how much this run's m is worth. */
  readonly matches: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Expectation–maximisation of m and λ over candidate pairs' comparison vectors (as patterns with
 * their counts among the pairs trained on), with u fixed
 * (from random pairs), as maximum a posteriori estimates under the comparisons' priors: a list of
 * six lines keeps the priors, a list of 100,000 learns its own m. Fields the pairs were chosen
 * for are left out (`ignored`), as Splink trains each blocking rule's pairs; every step keeps
 * each level's evidence (constrainM). Deterministic: no randomness, fixed order.
 */
export function trainM(
  patterns: Patterns,
  counts: Float64Array,
  comparisons: readonly Comparison[],
  u: readonly (readonly number[])[],
  options: EmOptions,
): EmResult {
  const width = comparisons.length;
  const ignored = options.ignored ?? comparisons.map(() => false);
  const { rows } = patterns;
  let m = comparisons.map((c, f) => [...(options.startM?.[f] ?? c.prior.m)]);
  const lambda0 = Math.min(0.9, Math.max(1e-9, options.initialLambda));
  let lambda = lambda0;
  let matches = 0;
  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIterations && !converged) {
    iterations++;
    const sums = comparisons.map((c) => new Float64Array(c.levels.length));
    let total = 0;
    matches = 0;
    for (let p = 0; p < counts.length; p++) {
      if (counts[p] === 0) continue;
      let ratio = lambda / (1 - lambda);
      for (let f = 0; f < width; f++) {
        const level = rows[p * width + f]!;
        if (level !== MISSING && !ignored[f]) ratio *= m[f]![level]! / u[f]![level]!;
      }
      const weight = (Number.isFinite(ratio) ? ratio / (1 + ratio) : 1) * counts[p]!;
      matches += weight;
      total += counts[p]!;
      for (let f = 0; f < width; f++) {
        const level = rows[p * width + f]!;
        if (level !== MISSING) sums[f]![level]! += weight;
      }
    }
    const nextM = comparisons.map((comparison, f) =>
      ignored[f]
        ? m[f]!
        : constrainM(
            posteriorMean(sums[f]!, comparison.prior.m, options.mStrength),
            u[f]!,
            comparison.evidence,
          ),
    );
    let change = 0;
    nextM.forEach((row, f) =>
      row.forEach((value, l) => (change = Math.max(change, Math.abs(value - m[f]![l]!)))),
    );
    m = nextM;
    const strength = options.lambdaStrength;
    const nextLambda = Math.min(
      0.99,
      Math.max(1e-9, (matches + strength * lambda0) / (total + strength)),
    );
    change = Math.max(change, Math.abs(nextLambda - lambda));
    lambda = nextLambda;
    converged = change < options.tolerance;
  }
  return { m, lambda, matches, iterations, converged };
}
