import { type CandidatePairs, candidatePairs } from '../block/blocking.ts';
import { pairsCompleteness, type PairsCompleteness } from '../block/completeness.ts';
import { buildComparison } from '../compare/comparators.ts';
import type { Comparison } from '../compare/levels.ts';
import { comparisonVectors, prepareRecords } from '../compare/vectors.ts';
import { weightTable, type WeightTable, matchWeights } from '../score/score.ts';
import { estimateU, trainM, type TrainedModel } from '../train/em.ts';
import { randomPairs } from '../train/random.ts';
import { termFrequencies, termFrequencyAdjustments } from '../train/term-frequency.ts';
import { type LinkRecord, type LinkSettings, resolveSettings } from './settings.ts';

/** Options of a run: the seed of every random choice, and the true pairs when known. */
export interface RunOptions {
  readonly seed: number;
  /** True pairs by record id, (left id, right id); when given, pairs completeness is reported. */
  readonly truth?: Iterable<readonly [string, string]>;
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

/** Block, compare, train (u from random pairs, m by EM) and score; `right` null within one list. */
export function scoreCandidates(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  settings: LinkSettings,
  options: RunOptions,
): ScoredCandidates {
  const resolved = resolveSettings(settings);
  const within = right === null;
  const other = right ?? left;
  const comparisons: Comparison[] = settings.comparisons.map(buildComparison);
  const candidates = candidatePairs(left, right, settings.blocking.rules, resolved.maxBlockPairs);
  const leftPrepared = prepareRecords(comparisons, left);
  const rightPrepared = within ? leftPrepared : prepareRecords(comparisons, other);
  const levels = comparisonVectors(
    comparisons,
    leftPrepared,
    rightPrepared,
    candidates.left,
    candidates.right,
  );
  const sample = randomPairs(left.length, other.length, resolved.randomPairs, options.seed, within);
  const sampleLevels = comparisonVectors(
    comparisons,
    leftPrepared,
    rightPrepared,
    sample.left,
    sample.right,
  );
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
    const lists = within ? [leftPrepared[f]!] : [leftPrepared[f]!, rightPrepared[f]!];
    const frequencies = termFrequencies(comparison, lists);
    const uExact = u[f]![comparison.exactLevel]!;
    const width = comparisons.length;
    return termFrequencyAdjustments(
      comparison,
      f,
      frequencies,
      uExact,
      leftPrepared,
      candidates.left,
      levels,
      width,
    );
  });
  const table = weightTable(model);
  const weights = matchWeights(table, levels, adjustments);
  const completeness =
    options.truth === undefined
      ? null
      : pairsCompleteness(
          Array.from(candidates.left, (l, i): [string, string] => [
            left[l]!.id,
            other[candidates.right[i]!]!.id,
          ]),
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

/** The match weight at which the probability is p. */
export function weightOfProbability(p: number): number {
  if (p >= 1) return Infinity;
  if (p <= 0) return -Infinity;
  return Math.log2(p / (1 - p));
}
