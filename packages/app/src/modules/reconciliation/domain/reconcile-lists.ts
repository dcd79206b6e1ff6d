import {
  dedupeList,
  dedupeListInParallel,
  linkLists,
  linkListsInParallel,
  personListSettings,
  type ComparisonRunner,
  type LinkedPair,
} from '@parley/engine';
import type { PersonLine } from '@parley/kernel/person-record';
import {
  concludeLines,
  lineKey,
  pairKey,
  recordIdOf,
  statusOfPair,
  type LineRef,
  type LineOutcome,
  type ListKind,
  type PairStatus,
  type StoredDecision,
} from './outcomes.ts';
import { toLinkRecord } from './person-record.ts';

/** The thresholds and seed of a run. */
export interface RunSettings {
  match: number;
  review: number;
  seed: number;
}

export interface RunVersion {
  party: string;
  kind: string;
  versionId: string;
  number: number;
}

export interface NewPair {
  kind: 'link' | 'duplicate';
  left_party: string;
  left_kind: string;
  left_version_id: string;
  left_record_id: string;
  left_fingerprint: string;
  right_party: string;
  right_kind: string;
  right_version_id: string;
  right_record_id: string;
  right_fingerprint: string;
  weight: number;
  probability: number;
  engine_decision: 'match' | 'possible';
  status: PairStatus;
  reopened: boolean;
  contributions: unknown[];
  prior_weight: number;
  rivals_weight: number;
}

export interface NewOutcome {
  party_code: string;
  kind: string;
  version_id: string;
  record_id: string;
  outcome: LineOutcome;
  matched_record_id: string | null;
  duplicate_of: string | null;
}

/** One party's latest version of one list, with a fingerprint of each line's content. */
export interface ListInput {
  readonly party: string;
  readonly kind: ListKind;
  readonly versionId: string;
  readonly lines: readonly PersonLine[];
  /** By record_id: a digest of what the line says, to tell whether a decided line has changed. */
  readonly fingerprints: ReadonlyMap<string, string>;
}

export interface ReconcileInput {
  readonly parties: readonly string[];
  readonly lists: readonly ListInput[];
  readonly settings: RunSettings;
  /** Reviewers' decisions by `pairKey`. */
  readonly decisions: ReadonlyMap<string, StoredDecision>;
  /**
   * Compares candidate pairs elsewhere (worker threads), so that big lists do not hold the
   * caller's thread; the result is the same as without.
   */
  readonly runComparisons?: ComparisonRunner;
  /** Awaited as each phase starts, with the share of the work done (the caller records it). */
  readonly onPhase?: (phase: string, progress: number) => Promise<void>;
}

export interface ReconcileOutput {
  readonly pairs: NewPair[];
  readonly outcomes: NewOutcome[];
}

/**
 * Links each party's sought list with every other party's held list, one to one, and finds
 * duplicates within each list; stored decisions then set the pairs' statuses, and every line of
 * every list gets an outcome.
 */
export async function reconcileLists(input: ReconcileInput): Promise<ReconcileOutput> {
  const { settings } = input;
  const engineSettings = personListSettings({
    match: settings.match,
    possible: settings.review,
    duplicate: settings.match,
  });
  const listOf = (party: string, kind: ListKind) =>
    input.lists.find((l) => l.party === party && l.kind === kind);
  const pairs: NewPair[] = [];
  const toPair = (
    kind: NewPair['kind'],
    left: ListInput,
    right: ListInput,
    found: LinkedPair,
  ): NewPair => {
    const leftRef: LineRef = { party: left.party, kind: left.kind, recordId: found.leftId };
    const rightRef: LineRef = { party: right.party, kind: right.kind, recordId: found.rightId };
    const fingerprints = {
      left: left.fingerprints.get(found.leftId) ?? '',
      right: right.fingerprints.get(found.rightId) ?? '',
    };
    const { status, reopened } = statusOfPair(
      found.decision,
      fingerprints,
      input.decisions.get(pairKey(kind, leftRef, rightRef)),
    );
    return {
      kind,
      left_party: left.party,
      left_kind: left.kind,
      left_version_id: left.versionId,
      left_record_id: found.leftId,
      left_fingerprint: fingerprints.left,
      right_party: right.party,
      right_kind: right.kind,
      right_version_id: right.versionId,
      right_record_id: found.rightId,
      right_fingerprint: fingerprints.right,
      weight: found.weight,
      probability: found.probability,
      engine_decision: found.decision,
      status,
      reopened,
      contributions: [...found.contributions],
      prior_weight: found.prior,
      rivals_weight: found.rivals,
    };
  };

  await input.onPhase?.('linking', 0.1);
  for (const seeker of input.parties) {
    const sought = listOf(seeker, 'sought');
    for (const holder of input.parties.filter((p) => p !== seeker)) {
      const held = listOf(holder, 'held');
      if (!sought?.lines.length || !held?.lines.length) continue;
      const [left, right] = [sought.lines.map(toLinkRecord), held.lines.map(toLinkRecord)];
      const result = input.runComparisons
        ? await linkListsInParallel(left, right, engineSettings, {
            seed: settings.seed,
            runComparisons: input.runComparisons,
          })
        : linkLists(left, right, engineSettings, { seed: settings.seed });
      for (const found of result.pairs) pairs.push(toPair('link', sought, held, found));
    }
  }

  await input.onPhase?.('finding duplicates', 0.6);
  const duplicateOf = new Map<string, string>();
  for (const list of input.lists) {
    if (list.lines.length < 2) continue;
    const records = list.lines.map(toLinkRecord);
    const result = input.runComparisons
      ? await dedupeListInParallel(records, engineSettings, {
          seed: settings.seed,
          runComparisons: input.runComparisons,
        })
      : dedupeList(records, engineSettings, { seed: settings.seed });
    for (const found of result.pairs) pairs.push(toPair('duplicate', list, list, found));
    for (const [recordId, first] of result.clusters) {
      if (recordId !== first)
        duplicateOf.set(lineKey({ party: list.party, kind: list.kind, recordId }), first);
    }
  }

  const keysOf = (kind: ListKind) =>
    input.lists
      .filter((l) => l.kind === kind)
      .flatMap((l) =>
        l.lines.map((line) => lineKey({ party: l.party, kind, recordId: line.recordId })),
      );
  const conclusions = concludeLines(
    { sought: keysOf('sought'), held: keysOf('held') },
    pairs
      .filter((p) => p.kind === 'link')
      .map((p) => ({
        sought: lineKey({ party: p.left_party, kind: 'sought', recordId: p.left_record_id }),
        held: lineKey({ party: p.right_party, kind: 'held', recordId: p.right_record_id }),
        status: p.status,
        weight: p.weight,
      })),
  );
  const outcomes: NewOutcome[] = input.lists.flatMap((list) =>
    list.lines.map((line) => {
      const key = lineKey({ party: list.party, kind: list.kind, recordId: line.recordId });
      const conclusion = conclusions.get(key);
      return {
        party_code: list.party,
        kind: list.kind,
        version_id: list.versionId,
        record_id: line.recordId,
        outcome:
          conclusion?.outcome ?? (list.kind === 'sought' ? 'not_acknowledged' : 'unrequested'),
        matched_record_id: conclusion?.matchedWith ? recordIdOf(conclusion.matchedWith) : null,
        duplicate_of: duplicateOf.get(key) ?? null,
      };
    }),
  );
  return { pairs, outcomes };
}
