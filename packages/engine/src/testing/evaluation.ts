// Measures a linkage against known true pairs: what the benchmarks print and the tests assert.
import type { LinkedPair } from '../link/link.ts';
import { scoreCandidates } from '../link/pipeline.ts';
import type { LinkRecord, LinkSettings } from '../link/settings.ts';

/** Quality figures of one linkage. */
export interface LinkageQuality {
  readonly truePairs: number;
  readonly matches: number;
  readonly truePositives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** The share of true pairs that are a match or possible: what a reviewer can still find. */
  readonly foundForReview: number;
  readonly possible: number;
  /** Possible rows per true pair that is not a match: what the review costs. */
  readonly possiblePerMissedTruePair: number;
  /** Possible rows per true pair: the review's whole cost. */
  readonly possiblePerTruePair: number;
}

const keyOf = (left: string, right: string): string => `${left}\u0000${right}`;

/** Precision, recall, F1 and the reviewer's reach of a linkage's pairs. */
export function linkageQuality(
  pairs: readonly LinkedPair[],
  truth: readonly (readonly [string, string])[],
): LinkageQuality {
  const isTrue = new Set(truth.map(([l, r]) => keyOf(l, r)));
  let matches = 0;
  let truePositives = 0;
  let possible = 0;
  let truePossible = 0;
  for (const pair of pairs) {
    const real = isTrue.has(keyOf(pair.leftId, pair.rightId));
    if (pair.decision === 'match') {
      matches++;
      if (real) truePositives++;
    } else {
      possible++;
      if (real) truePossible++;
    }
  }
  const precision = matches === 0 ? 1 : truePositives / matches;
  const recall = truth.length === 0 ? 1 : truePositives / truth.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const missed = truth.length - truePositives;
  return {
    truePairs: truth.length,
    matches,
    truePositives,
    precision,
    recall,
    f1,
    foundForReview: truth.length === 0 ? 1 : (truePositives + truePossible) / truth.length,
    possible,
    possiblePerMissedTruePair: missed === 0 ? 0 : possible / missed,
    possiblePerTruePair: truth.length === 0 ? 0 : possible / truth.length,
  };
}

/** One bin of a reliability diagram: pairs whose probability fell in [from, to). */
export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly pairs: number;
  readonly meanPredicted: number;
  readonly observed: number;
}

/** Calibration: predicted against observed match rates in bins, and the expected calibration error. */
export interface Calibration {
  readonly bins: readonly ReliabilityBin[];
  /** Σ over bins of (pairs in bin / all pairs) × |observed − predicted|. */
  readonly expectedCalibrationError: number;
  readonly pairs: number;
}

/**
 * Reliability of probabilities against the truth, in ten equal bins. `scored` are the pairs whose
 * probability is judged, each with whether it is a true pair.
 */
export function calibrationOf(
  scored: readonly { readonly probability: number; readonly isTrue: boolean }[],
  binCount = 10,
): Calibration {
  const sums = Array.from({ length: binCount }, () => ({ pairs: 0, predicted: 0, observed: 0 }));
  for (const { probability, isTrue } of scored) {
    const bin = sums[Math.min(binCount - 1, Math.floor(probability * binCount))]!;
    bin.pairs++;
    bin.predicted += probability;
    if (isTrue) bin.observed++;
  }
  let error = 0;
  const bins = sums.map((bin, i) => {
    const meanPredicted = bin.pairs === 0 ? 0 : bin.predicted / bin.pairs;
    const observed = bin.pairs === 0 ? 0 : bin.observed / bin.pairs;
    error += (bin.pairs / Math.max(1, scored.length)) * Math.abs(observed - meanPredicted);
    return {
      from: i / binCount,
      to: (i + 1) / binCount,
      pairs: bin.pairs,
      meanPredicted,
      observed,
    };
  });
  return { bins, expectedCalibrationError: error, pairs: scored.length };
}

/** The pairs of a linkage with whether each is true, for `calibrationOf`. */
export function judgedPairs(
  pairs: readonly LinkedPair[],
  truth: readonly (readonly [string, string])[],
): { probability: number; isTrue: boolean }[] {
  const isTrue = new Set(truth.map(([l, r]) => keyOf(l, r)));
  return pairs.map((pair) => ({
    probability: pair.probability,
    isTrue: isTrue.has(keyOf(pair.leftId, pair.rightId)),
  }));
}

/**
 * What the lists' information allows: the share of true pairs that are candidates and that no
 * other candidate of either record matches at least as well on every field (by the trained
 * weights). A pair with such a rival cannot be told from it by any method reading these fields:
 * at best it is 'possible', beside its rival.
 */
export function separableShare(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[],
  settings: LinkSettings,
  truth: readonly (readonly [string, string])[],
): number {
  const scored = scoreCandidates(left, right, settings, { seed: 1 });
  const width = scored.model.fields.length;
  const { candidates, levels, table, adjustments } = scored;
  const fieldWeights = (i: number): number[] =>
    Array.from({ length: width }, (_, f) => {
      const level = levels[i * width + f]!;
      return level < 0 ? 0 : table.weights[f]![level]! + (adjustments[f]?.[i] ?? 0);
    });
  const byLeft = new Map<number, number[]>();
  const byRight = new Map<number, number[]>();
  for (let i = 0; i < candidates.left.length; i++) {
    const l = candidates.left[i]!;
    const r = candidates.right[i]!;
    (byLeft.get(l) ?? byLeft.set(l, []).get(l)!).push(i);
    (byRight.get(r) ?? byRight.set(r, []).get(r)!).push(i);
  }
  const leftIndex = new Map(left.map((record, i) => [record.id, i]));
  const rightIndex = new Map(right.map((record, i) => [record.id, i]));
  const isTrue = new Set(truth.map(([l, r]) => `${leftIndex.get(l)}|${rightIndex.get(r)}`));
  let separable = 0;
  for (let i = 0; i < candidates.left.length; i++) {
    const l = candidates.left[i]!;
    const r = candidates.right[i]!;
    if (!isTrue.has(`${l}|${r}`)) continue;
    const own = fieldWeights(i);
    const rivals = [...(byLeft.get(l) ?? []), ...(byRight.get(r) ?? [])].filter((j) => j !== i);
    const isTied = rivals.some((j) => fieldWeights(j).every((w, f) => w >= own[f]! - 1e-9));
    if (!isTied) separable++;
  }
  return truth.length === 0 ? 1 : separable / truth.length;
}
