import { assignOneToOne } from '../cluster/one-to-one.ts';
import { connectedComponents } from '../cluster/components.ts';
import { rivalryPenalties } from '../score/competition.ts';
import { type Contribution, explainPair, probabilityOf } from '../score/score.ts';
import type { TrainedModel } from '../train/em.ts';
import {
  type BlockingReport,
  type ParallelRunOptions,
  type RunOptions,
  type ScoredCandidates,
  scoreCandidates,
  scoreCandidatesWith,
  weightOfProbability,
} from './pipeline.ts';
import { type LinkRecord, type LinkSettings, resolveSettings } from './settings.ts';

/** A scored pair as a reviewer sees it. */
export interface LinkedPair {
  readonly leftId: string;
  readonly rightId: string;
  /** The match weight in bits: log2 of the posterior odds (prior, fields and rivals included). */
  readonly weight: number;
  readonly probability: number;
  readonly decision: 'match' | 'possible';
  readonly contributions: readonly Contribution[];
  /** The prior's part of the weight: how likely any two records are to match, in bits. */
  readonly prior: number;
  /** What other candidates of either record take from the weight, in bits (≤ 0; 0 within a list). */
  readonly rivals: number;
}

/** The result of linking two lists. */
export interface LinkResult {
  /** Matches and possible matches, strongest first. */
  readonly pairs: readonly LinkedPair[];
  readonly model: TrainedModel;
  readonly blocking: BlockingReport;
}

/** The rows a reviewer sees, strongest first: the matches (isMatch[i] = 1) and the possible pairs. */
function rowsOf(
  scored: ScoredCandidates,
  weights: Float64Array,
  left: readonly LinkRecord[],
  right: readonly LinkRecord[],
  isMatch: Uint8Array,
  possibleWeight: number,
): LinkedPair[] {
  const { candidates } = scored;
  const order: number[] = [];
  for (let i = 0; i < weights.length; i++) {
    if (isMatch[i] === 1 || weights[i]! >= possibleWeight) order.push(i);
  }
  order.sort((a, b) => weights[b]! - weights[a]! || a - b);
  return order.map((i) => ({
    leftId: left[candidates.left[i]!]!.id,
    rightId: right[candidates.right[i]!]!.id,
    weight: weights[i]!,
    probability: probabilityOf(weights[i]!),
    decision: isMatch[i] === 1 ? 'match' : 'possible',
    contributions: explainPair(scored.model, scored.table, scored.levels, scored.adjustments, i),
    prior: scored.table.prior,
    rivals: weights[i]! - scored.weights[i]!,
  }));
}

/** The pairs of scored candidates, decided one to one, with the rivals' share taken. */
export function linkScored(
  scored: ScoredCandidates,
  left: readonly LinkRecord[],
  right: readonly LinkRecord[],
  settings: LinkSettings,
): LinkResult {
  const resolved = resolveSettings(settings);
  const { candidates } = scored;
  const penalties = rivalryPenalties(
    candidates.left,
    candidates.right,
    scored.weights,
    left.length,
    right.length,
  );
  const weights = new Float64Array(penalties.length);
  for (let i = 0; i < weights.length; i++) weights[i] = scored.weights[i]! + penalties[i]!;
  const matchWeight = weightOfProbability(resolved.match);
  const assigned = assignOneToOne(candidates.left, candidates.right, weights, matchWeight);
  const pairs = rowsOf(
    scored,
    weights,
    left,
    right,
    assigned,
    weightOfProbability(resolved.possible),
  );
  return { pairs, model: scored.model, blocking: scored.blocking };
}

/**
 * Links two lists: each record is matched to at most one on the other side (greedy one-to-one
 * by descending weight); pairs above the possible threshold that are not matches are 'possible'.
 */
export function linkLists(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[],
  settings: LinkSettings,
  options: RunOptions,
): LinkResult {
  return linkScored(scoreCandidates(left, right, settings, options), left, right, settings);
}

/**
 * `linkLists` with the candidate pairs compared by `options.runComparisons`, e.g. in worker
 * threads: the same result, sooner for big lists.
 */
export async function linkListsInParallel(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[],
  settings: LinkSettings,
  options: ParallelRunOptions,
): Promise<LinkResult> {
  const scored = await scoreCandidatesWith(left, right, settings, options);
  return linkScored(scored, left, right, settings);
}

/** The result of finding duplicates within one list. */
export interface DedupeResult extends LinkResult {
  /** Each record's cluster: the id of the first record of its cluster (in list order). */
  readonly clusters: ReadonlyMap<string, string>;
}

/**
 * The pairs of scored candidates as duplicates within one list are decided: no rivals, no one to
 * one; pairs above the duplicate threshold are 'match', others above possible 'possible'.
 */
export function duplicatePairsOf(
  scored: ScoredCandidates,
  left: readonly LinkRecord[],
  right: readonly LinkRecord[],
  settings: LinkSettings,
): LinkedPair[] {
  const resolved = resolveSettings(settings);
  const duplicateWeight = weightOfProbability(resolved.duplicate);
  return rowsOf(
    scored,
    scored.weights,
    left,
    right,
    Uint8Array.from(scored.weights, (weight) => (weight >= duplicateWeight ? 1 : 0)),
    weightOfProbability(resolved.possible),
  );
}

function dedupeScored(
  scored: ScoredCandidates,
  records: readonly LinkRecord[],
  settings: LinkSettings,
): DedupeResult {
  const resolved = resolveSettings(settings);
  const { candidates, weights } = scored;
  const duplicateWeight = weightOfProbability(resolved.duplicate);
  const cluster = connectedComponents(
    records.length,
    candidates.left,
    candidates.right,
    weights,
    duplicateWeight,
  );
  const pairs = duplicatePairsOf(scored, records, records, settings);
  const clusters = new Map<string, string>();
  records.forEach((record, i) => clusters.set(record.id, records[cluster[i]!]!.id));
  return { pairs, model: scored.model, blocking: scored.blocking, clusters };
}

/**
 * Finds duplicates within one list: connected components of pairs above the stricter
 * duplicate threshold are clusters; those pairs are 'match', others above possible 'possible'.
 */
export function dedupeList(
  records: readonly LinkRecord[],
  settings: LinkSettings,
  options: RunOptions,
): DedupeResult {
  return dedupeScored(scoreCandidates(records, null, settings, options), records, settings);
}

/** `dedupeList` with the candidate pairs compared by `options.runComparisons`. */
export async function dedupeListInParallel(
  records: readonly LinkRecord[],
  settings: LinkSettings,
  options: ParallelRunOptions,
): Promise<DedupeResult> {
  const scored = await scoreCandidatesWith(records, null, settings, options);
  return dedupeScored(scored, records, settings);
}
