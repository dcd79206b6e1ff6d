// Measures a linkage against known true pairs: what the benchmarks print and the tests assert.
import type { LinkedPair } from '../link/link.ts';

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
