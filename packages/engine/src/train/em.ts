import { MISSING } from '../compare/levels.ts';

/** The trained m and u probabilities of one comparison's levels. */
export interface FieldParameters {
  readonly field: string;
  readonly levels: readonly string[];
  /** P(level | match). */
  readonly m: readonly number[];
  /** P(level | non-match), from random pairs: what scoring uses. */
  readonly u: readonly number[];
  /** P(level | non-match) among the candidate pairs, as EM found it; blocking makes it differ from u. */
  readonly candidateU: readonly number[];
}

/** What training found. */
export interface TrainedModel {
  /** The prior: the probability that two records drawn at random (any pair, not only candidates) match. */
  readonly lambda: number;
  /** The share of matches among the candidate pairs, as EM found it. */
  readonly candidateLambda: number;
  readonly fields: readonly FieldParameters[];
  readonly iterations: number;
  readonly converged: boolean;
}

// No level is impossible: a floor keeps every weight finite.
const FLOOR = 1e-6;

/** u per level from the comparison vectors of random pairs (almost all non-matches). */
export function estimateU(levels: Int8Array, levelCounts: readonly number[]): number[][] {
  const width = levelCounts.length;
  const counts = levelCounts.map((n) => new Float64Array(n));
  const rows = width === 0 ? 0 : levels.length / width;
  for (let i = 0; i < rows; i++) {
    for (let f = 0; f < width; f++) {
      const level = levels[i * width + f]!;
      if (level !== MISSING) counts[f]![level]!++;
    }
  }
  // One pseudo-pair per level, so that a level never seen in the sample is rare, not impossible.
  return counts.map((row) => normalise(Array.from(row, (count) => count + 1)));
}

function normalise(values: readonly number[]): number[] {
  const total = values.reduce((sum, value) => sum + value, 0);
  return values.map((value) => Math.max(FLOOR, total > 0 ? value / total : 1 / values.length));
}

interface Patterns {
  readonly rows: Int8Array;
  readonly counts: Float64Array;
}

/**
 * The base in which a comparison vector can be one number, its levels + 1 as digits: a cheaper
 * key than a string for millions of pairs. Null when such numbers would not be exact.
 */
function radixOf(levels: Int8Array, width: number): number | null {
  let highest = 0;
  for (const level of levels) if (level > highest) highest = level;
  const radix = highest + 2;
  return radix ** width > Number.MAX_SAFE_INTEGER ? null : radix;
}

/** Identical comparison vectors counted once: EM then runs over patterns, not pairs. */
function patternsOf(levels: Int8Array, width: number): Patterns {
  const index = new Map<number | string, number>();
  const rows: number[] = [];
  const counts: number[] = [];
  const n = width === 0 ? 0 : levels.length / width;
  const radix = radixOf(levels, width);
  for (let i = 0; i < n; i++) {
    let key: number | string;
    if (radix === null) {
      key = '';
      for (let f = 0; f < width; f++) key += String.fromCharCode(levels[i * width + f]! + 66);
    } else {
      key = 0;
      for (let f = 0; f < width; f++) key = key * radix + levels[i * width + f]! - MISSING;
    }
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, counts.length);
      counts.push(1);
      for (let f = 0; f < width; f++) rows.push(levels[i * width + f]!);
    } else counts[at]!++;
  }
  return { rows: Int8Array.from(rows), counts: Float64Array.from(counts) };
}

/** The starting m: most matches agree exactly, fewer at each weaker level. */
function initialM(levelCount: number): number[] {
  return normalise(Array.from({ length: levelCount }, (_, level) => 0.5 ** (level * 2)));
}

/**
 * Expectation–maximisation over the candidate pairs' comparison vectors: m, λ and the
 * candidates' own u, starting from u of random pairs. The candidates' u is estimated rather than
 * fixed because blocking makes non-matches agree on the blocked fields; with u fixed, EM takes
 * a whole block for matches. Scoring then uses m with u of random pairs and the prior over all
 * `totalPairs`, as Splink does. Deterministic: no randomness, fixed order.
 */
export function trainM(
  levels: Int8Array,
  fields: readonly string[],
  levelLabels: readonly (readonly string[])[],
  u: readonly (readonly number[])[],
  options: { maxIterations: number; tolerance: number; initialLambda: number; totalPairs: number },
): TrainedModel {
  const width = fields.length;
  const { rows, counts } = patternsOf(levels, width);
  const m = levelLabels.map((labels) => initialM(labels.length));
  const uc = u.map((row) => [...row]);
  let lambda = Math.min(0.5, Math.max(1e-4, options.initialLambda));
  let iterations = 0;
  let converged = false;
  const posterior = new Float64Array(counts.length);
  while (iterations < options.maxIterations && !converged) {
    iterations++;
    let expectedMatches = 0;
    let total = 0;
    for (let p = 0; p < counts.length; p++) {
      let ratio = lambda / (1 - lambda);
      for (let f = 0; f < width; f++) {
        const level = rows[p * width + f]!;
        if (level !== MISSING) ratio *= m[f]![level]! / uc[f]![level]!;
      }
      const probability = Number.isFinite(ratio) ? ratio / (1 + ratio) : 1;
      posterior[p] = probability;
      expectedMatches += probability * counts[p]!;
      total += counts[p]!;
    }
    const sums = levelLabels.map((labels) => new Float64Array(labels.length));
    const uSums = levelLabels.map((labels) => new Float64Array(labels.length));
    for (let p = 0; p < counts.length; p++) {
      const weight = posterior[p]! * counts[p]!;
      const rest = counts[p]! - weight;
      for (let f = 0; f < width; f++) {
        const level = rows[p * width + f]!;
        if (level === MISSING) continue;
        sums[f]![level]! += weight;
        uSums[f]![level]! += rest;
      }
    }
    let change = 0;
    for (let f = 0; f < width; f++) {
      const next = normalise(Array.from(sums[f]!));
      for (let l = 0; l < next.length; l++)
        change = Math.max(change, Math.abs(next[l]! - m[f]![l]!));
      m[f] = next;
      uc[f] = normalise(Array.from(uSums[f]!));
    }
    const nextLambda =
      total > 0 ? Math.min(1 - FLOOR, Math.max(FLOOR, expectedMatches / total)) : lambda;
    change = Math.max(change, Math.abs(nextLambda - lambda));
    lambda = nextLambda;
    converged = change < options.tolerance;
  }
  const expected = lambda * (width === 0 ? 0 : levels.length / width);
  return {
    lambda: Math.min(
      1 - FLOOR,
      Math.max(Number.MIN_VALUE, expected / Math.max(1, options.totalPairs)),
    ),
    candidateLambda: lambda,
    iterations,
    converged,
    fields: fields.map((field, f) => ({
      field,
      levels: levelLabels[f]!,
      m: m[f]!,
      u: u[f]!,
      candidateU: uc[f]!,
    })),
  };
}
