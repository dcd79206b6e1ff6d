import { type CandidatePairs, candidatePairs } from '../block/blocking.ts';
import { candidateCompleteness, type PairsCompleteness } from '../block/completeness.ts';
import { buildComparison } from '../compare/comparators.ts';
import type { ComparisonJob, ComparisonRunner } from '../compare/comparison-job.ts';
import type { Comparison } from '../compare/levels.ts';
import { comparisonVectors, encodeColumns, type EncodedColumns } from '../compare/vectors.ts';
import { weightTable, type WeightTable, matchWeights } from '../score/score.ts';
import { estimateU, trainM, type TrainedModel } from '../train/em.ts';
import { randomPairs } from '../train/random.ts';
import { termFrequencies, termFrequencyAdjustments } from '../train/term-frequency.ts';
import {
  type LinkRecord,
  type LinkSettings,
  type ResolvedSettings,
  resolveSettings,
} from './settings.ts';

/** Options of a run: the seed of every random choice, and the true pairs when known. */
export interface RunOptions {
  readonly seed: number;
  /** True pairs by record id, (left id, right id); when given, pairs completeness is reported. */
  readonly truth?: Iterable<readonly [string, string]>;
}

/** Options of a run whose candidate pairs are compared by a runner, e.g. in worker threads. */
export interface ParallelRunOptions extends RunOptions {
  /** Compares the candidate pairs; the result is the same whichever runner does it. */
  readonly runComparisons: ComparisonRunner;
}

/** What blocking did. */
export interface BlockingReport {
  readonly candidatePairs: number;
  readonly rules: CandidatePairs['rules'];
  readonly pairsCompleteness: PairsCompleteness | null;
}

/** Everything scored: the candidate pairs, their levels, weights and the trained model. */
export interface ScoredCandidates {
  readonly candidates: CandidatePairs;
  readonly levels: Int8Array;
  readonly adjustments: readonly (Float64Array | null)[];
  readonly weights: Float64Array;
  readonly model: TrainedModel;
  readonly table: WeightTable;
  readonly blocking: BlockingReport;
}

/** What comes before the comparison vectors: the candidate pairs and every prepared value. */
interface Plan {
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

function planOf(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  settings: LinkSettings,
): Plan {
  const resolved = resolveSettings(settings);
  const within = right === null;
  const comparisons = settings.comparisons.map(buildComparison);
  const candidates = candidatePairs(left, right, settings.blocking.rules, resolved.maxBlockPairs);
  const leftColumns = encodeColumns(comparisons, left);
  const rightColumns = within ? leftColumns : encodeColumns(comparisons, right);
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
function sampleLevelsOf(plan: Plan, seed: number): Int8Array {
  const { left, other, within, resolved } = plan;
  const sample = randomPairs(left.length, other.length, resolved.randomPairs, seed, within);
  return comparisonVectors(
    plan.comparisons,
    plan.leftColumns,
    plan.rightColumns,
    sample.left,
    sample.right,
  );
}

/** Train (u from random pairs, m by EM) and score the candidate pairs' comparison vectors. */
function scoreLevels(
  plan: Plan,
  levels: Int8Array,
  sampleLevels: Int8Array,
  options: RunOptions,
): ScoredCandidates {
  const { settings, resolved, comparisons, left, other, within, candidates } = plan;
  const u = estimateU(
    sampleLevels,
    comparisons.map((c) => c.levels.length),
  );
  const expectedMatches = within ? left.length / 2 : Math.min(left.length, other.length);
  const model = trainM(
    levels,
    comparisons.map((c) => c.field),
    comparisons.map((c) => c.levels),
    u,
    {
      maxIterations: resolved.maxIterations,
      tolerance: resolved.tolerance,
      initialLambda: expectedMatches / Math.max(1, candidates.left.length),
      totalPairs: within ? (left.length * (left.length - 1)) / 2 : left.length * other.length,
    },
  );
  const adjustments = comparisons.map((comparison, f) => {
    const setting = settings.comparisons[f];
    if (setting?.termFrequency !== true || comparison.exactLevel === null) return null;
    const columns = within ? [plan.leftColumns[f]!] : [plan.leftColumns[f]!, plan.rightColumns[f]!];
    const frequencies = termFrequencies(comparison, columns);
    const uExact = u[f]![comparison.exactLevel]!;
    return termFrequencyAdjustments(
      comparison,
      f,
      frequencies,
      uExact,
      plan.leftColumns[f]!,
      candidates.left,
      levels,
      comparisons.length,
    );
  });
  const table = weightTable(model);
  const weights = matchWeights(table, levels, adjustments);
  const completeness =
    options.truth === undefined
      ? null
      : candidateCompleteness(
          left.map((record) => record.id),
          other.map((record) => record.id),
          candidates.left,
          candidates.right,
          options.truth,
          within,
        );
  return {
    candidates,
    levels,
    adjustments,
    weights,
    model,
    table,
    blocking: {
      candidatePairs: candidates.left.length,
      rules: candidates.rules,
      pairsCompleteness: completeness,
    },
  };
}

/** Block, compare, train (u from random pairs, m by EM) and score; `right` null within one list. */
export function scoreCandidates(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  settings: LinkSettings,
  options: RunOptions,
): ScoredCandidates {
  const plan = planOf(left, right, settings);
  const { candidates } = plan;
  const levels = comparisonVectors(
    plan.comparisons,
    plan.leftColumns,
    plan.rightColumns,
    candidates.left,
    candidates.right,
  );
  return scoreLevels(plan, levels, sampleLevelsOf(plan, options.seed), options);
}

/** `scoreCandidates` with the candidate pairs compared by `options.runComparisons`. */
export async function scoreCandidatesWith(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  settings: LinkSettings,
  options: ParallelRunOptions,
): Promise<ScoredCandidates> {
  const plan = planOf(left, right, settings);
  const job: ComparisonJob = {
    comparisons: settings.comparisons,
    left: plan.leftColumns,
    right: plan.rightColumns,
    pairs: { left: plan.candidates.left, right: plan.candidates.right },
  };
  const levels = options.runComparisons(job);
  // The random pairs are compared here while the runner compares the candidates.
  const sampleLevels = sampleLevelsOf(plan, options.seed);
  return scoreLevels(plan, await levels, sampleLevels, options);
}

/** The match weight at which the probability is p. */
export function weightOfProbability(p: number): number {
  if (p >= 1) return Infinity;
  if (p <= 0) return -Infinity;
  return Math.log2(p / (1 - p));
}
