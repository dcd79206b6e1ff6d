import type { BlockingRunner, CandidatePairs } from '../block/blocking.ts';
import { candidateCompleteness, type PairsCompleteness } from '../block/completeness.ts';
import type { ComparisonJob, ComparisonRunner } from '../compare/comparison-job.ts';
import { comparisonVectors } from '../compare/vectors.ts';
import { weightTable, type WeightTable, matchWeights } from '../score/score.ts';
import type { TrainedModel } from '../train/em.ts';
import { termFrequencies, termFrequencyAdjustments } from '../train/term-frequency.ts';
import { type Plan, planOf, planOfWith, sampleLevelsOf } from './plan.ts';
import type { LinkRecord, LinkSettings } from './settings.ts';
import { trainModel } from './training.ts';

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
  /** Blocks the costliest rules while this thread blocks the others; the same pairs either way. */
  readonly runBlocking?: BlockingRunner;
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

/** What scoring needs of a plan: the comparisons, the values on both sides and the pairs. */
export type ScoringPlan = Pick<
  Plan,
  | 'settings'
  | 'comparisons'
  | 'left'
  | 'other'
  | 'within'
  | 'candidates'
  | 'leftColumns'
  | 'rightColumns'
>;

/** Train and score the candidate pairs' comparison vectors. */
function scoreLevels(
  plan: Plan,
  levels: Int8Array,
  sampleLevels: Int8Array,
  options: RunOptions,
): ScoredCandidates {
  return scoreWithModel(plan, levels, trainModel(plan, levels, sampleLevels), options);
}

/**
 * Scores the candidate pairs' comparison vectors with a model: each field's weight, the
 * term-frequency adjustments from both sides' values, the prior.
 */
export function scoreWithModel(
  plan: ScoringPlan,
  levels: Int8Array,
  model: TrainedModel,
  options: Pick<RunOptions, 'truth'> = {},
): ScoredCandidates {
  const { settings, comparisons, left, other, within, candidates } = plan;
  const adjustments = comparisons.map((comparison, f) => {
    const setting = settings.comparisons[f];
    if (setting?.termFrequency !== true || comparison.exactLevel === null) return null;
    const columns = within ? [plan.leftColumns[f]!] : [plan.leftColumns[f]!, plan.rightColumns[f]!];
    const uExact = model.fields[f]!.u[comparison.exactLevel]!;
    const frequencies = termFrequencies(comparison, columns, uExact);
    return termFrequencyAdjustments(
      comparison,
      f,
      frequencies,
      uExact,
      [
        { column: plan.leftColumns[f]!, records: candidates.left },
        { column: (within ? plan.leftColumns : plan.rightColumns)[f]!, records: candidates.right },
      ],
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
  return (await planAndScore(left, right, settings, options)).scored;
}

/**
 * The plan of a run with its candidates scored, compared by `options.runComparisons` when given
 * (here otherwise): for those who need what the plan prepared too.
 */
export async function planAndScore(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  settings: LinkSettings,
  options: RunOptions & {
    readonly runComparisons?: ComparisonRunner;
    readonly runBlocking?: BlockingRunner;
  },
): Promise<{ plan: Plan; scored: ScoredCandidates }> {
  const plan = options.runBlocking
    ? await planOfWith(left, right, settings, options.runBlocking)
    : planOf(left, right, settings);
  const { candidates } = plan;
  if (options.runComparisons === undefined) {
    const levels = comparisonVectors(
      plan.comparisons,
      plan.leftColumns,
      plan.rightColumns,
      candidates.left,
      candidates.right,
    );
    return {
      plan,
      scored: scoreLevels(plan, levels, sampleLevelsOf(plan, options.seed), options),
    };
  }
  const job: ComparisonJob = {
    comparisons: settings.comparisons,
    left: plan.leftColumns,
    right: plan.rightColumns,
    pairs: { left: candidates.left, right: candidates.right },
  };
  const levels = options.runComparisons(job);
  // The random pairs are compared here while the runner compares the candidates.
  const sampleLevels = sampleLevelsOf(plan, options.seed);
  return { plan, scored: scoreLevels(plan, await levels, sampleLevels, options) };
}

/** The match weight at which the probability is p. */
export function weightOfProbability(p: number): number {
  if (p >= 1) return Infinity;
  if (p <= 0) return -Infinity;
  return Math.log2(p / (1 - p));
}
