// Training: u from random pairs and the comparisons' priors, m by EM per blocking rule, and the
// number of true pairs the lists hold, which sets the prior of every pair.
import type { Comparison } from '../compare/levels.ts';
import { MISSING } from '../compare/levels.ts';
import {
  type EmResult,
  estimateU,
  patternCounts,
  type Patterns,
  patternsOf,
  trainM,
  type TrainedModel,
} from '../train/em.ts';
import { expectedMatches, pairPriorOdds } from '../train/expected-matches.ts';
import type { Plan } from './plan.ts';

// How many pairs the comparisons' prior u is worth against random pairs, and how many true pairs
// their prior m is worth against EM's: enough that a list of six lines keeps the priors, little
// for 100,000. The share of matches EM starts from is worth ten pairs.
const U_PRIOR_PAIRS = 1000;
const M_PRIOR_PAIRS = 20;
const LAMBDA_PRIOR_PAIRS = 10;

/** Each random pair's chance of being a non-match under the model: its weight for u. */
function nonMatchChances(
  sampleLevels: Int8Array,
  comparisons: readonly Comparison[],
  m: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
  lambda: number,
): Float64Array {
  const width = comparisons.length;
  const rows = width === 0 ? 0 : sampleLevels.length / width;
  const chances = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let odds = lambda / (1 - lambda);
    for (let f = 0; f < width; f++) {
      const level = sampleLevels[i * width + f]!;
      if (level !== MISSING) odds *= m[f]![level]! / u[f]![level]!;
    }
    chances[i] = Number.isFinite(odds) ? 1 / (1 + odds) : 0;
  }
  return chances;
}

/** Pairs to train on, and the fields they teach nothing of. */
interface Session {
  readonly counts: Float64Array;
  readonly pairs: number;
  readonly ignored: readonly boolean[];
}

/**
 * A training session per blocking rule with one key per record, as Splink trains: the candidates
 * that agree on the rule's key, with the rule's own fields left out. One session of every pair,
 * with nothing left out, when no rule qualifies.
 */
function sessionsOf(plan: Plan, patterns: Patterns): Session[] {
  const { candidates, comparisons, settings } = plan;
  const sessions: Session[] = [];
  settings.blocking.rules.forEach((rule, r) => {
    const keys = candidates.keys[r];
    if (keys === null || keys === undefined || rule.fields.length === 0) return;
    const members: number[] = [];
    for (let i = 0; i < candidates.left.length; i++) {
      const key = keys.left[candidates.left[i]!]!;
      if (key >= 0 && key === keys.right[candidates.right[i]!]) members.push(i);
    }
    if (members.length === 0) return;
    sessions.push({
      counts: patternCounts(patterns, Int32Array.from(members)),
      pairs: members.length,
      ignored: comparisons.map((comparison) => rule.fields.includes(comparison.field)),
    });
  });
  if (sessions.length > 0) return sessions;
  return [
    {
      counts: patternCounts(patterns, null),
      pairs: candidates.left.length,
      ignored: comparisons.map(() => false),
    },
  ];
}

/** Each field's m as the sessions that learnt it found it, weighed by their expected matches. */
function combinedM(
  sessions: readonly Session[],
  results: readonly EmResult[],
  fallback: readonly (readonly number[])[],
): number[][] {
  return fallback.map((prior, f) => {
    const sum = prior.map(() => 0);
    let weight = 0;
    results.forEach((result, s) => {
      if (sessions[s]!.ignored[f]) return;
      weight += result.matches;
      result.m[f]!.forEach((value, l) => (sum[l]! += value * result.matches));
    });
    return weight > 0 ? sum.map((value) => value / weight) : [...prior];
  });
}

/** log2 of each pair's Bayes factor, from its pattern: the fields' weights without the prior. */
function bayesFactors(
  patterns: Patterns,
  comparisons: readonly Comparison[],
  m: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
): Float64Array {
  const width = comparisons.length;
  const perPattern = new Float64Array(patterns.count);
  for (let p = 0; p < patterns.count; p++) {
    for (let f = 0; f < width; f++) {
      const level = patterns.rows[p * width + f]!;
      if (level !== MISSING) perPattern[p]! += Math.log2(m[f]![level]! / u[f]![level]!);
    }
  }
  const factors = new Float64Array(patterns.ids.length);
  for (let i = 0; i < factors.length; i++) factors[i] = perPattern[patterns.ids[i]!]!;
  return factors;
}

/** The trained model: u from random pairs and priors, m by EM per session, the true pairs expected. */
export function trainModel(plan: Plan, levels: Int8Array, sampleLevels: Int8Array): TrainedModel {
  const { resolved, comparisons, left, other, within, candidates } = plan;
  const sizes = { left: left.length, right: other.length, within };
  const patterns = patternsOf(levels, comparisons.length);
  const sessions = sessionsOf(plan, patterns);
  let u = estimateU(sampleLevels, comparisons, U_PRIOR_PAIRS);
  let m = comparisons.map((comparison) => [...comparison.prior.m]);
  let matches = (within ? 0.01 : 0.5) * Math.min(left.length, other.length);
  let iterations = 0;
  let converged = true;
  // Two rounds: the random pairs hold true pairs too, many of them in a small list, so u is
  // estimated again with each random pair counted by its chance of being a non-match.
  for (let round = 0; round < 2; round++) {
    const startM = m;
    const results = sessions.map((session) =>
      trainM(patterns, session.counts, comparisons, u, {
        maxIterations: resolved.maxIterations,
        tolerance: resolved.tolerance,
        ignored: session.ignored,
        initialLambda: matches / Math.max(1, session.pairs),
        lambdaStrength: LAMBDA_PRIOR_PAIRS,
        mStrength: M_PRIOR_PAIRS,
        startM,
      }),
    );
    iterations += results.reduce((sum, result) => sum + result.iterations, 0);
    converged = results.every((result) => result.converged);
    m = combinedM(sessions, results, startM);
    const factors = bayesFactors(patterns, comparisons, m, u);
    matches = expectedMatches(candidates.left, candidates.right, factors, sizes);
    if (round === 0) {
      const odds = pairPriorOdds(matches, sizes);
      const lambda = odds / (1 + odds);
      u = estimateU(
        sampleLevels,
        comparisons,
        U_PRIOR_PAIRS,
        nonMatchChances(sampleLevels, comparisons, m, u, lambda),
      );
    }
  }
  const odds = Math.max(1e-12, pairPriorOdds(matches, sizes));
  return {
    lambda: odds / (1 + odds),
    expectedMatches: matches,
    iterations,
    converged,
    fields: comparisons.map((comparison, f) => ({
      field: comparison.field,
      levels: comparison.levels,
      codes: comparison.codes,
      evidence: comparison.evidence,
      m: m[f]!,
      u: u[f]!,
    })),
  };
}
