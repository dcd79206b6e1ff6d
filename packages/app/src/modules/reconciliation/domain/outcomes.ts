/**
 * What a reconciliation concludes from scored pairs and reviewers' decisions: each pair's status,
 * and each line's outcome (DOMAIN.md: acknowledged, possible, not acknowledged, unrequested).
 */

export type ListKind = 'sought' | 'held';

/** A line across versions: its party, its list, and the record_id the party gave it. */
export interface LineRef {
  readonly party: string;
  readonly kind: ListKind;
  readonly recordId: string;
}

export type PairKind = 'link' | 'duplicate';
export type PairStatus = 'matched' | 'open' | 'confirmed' | 'rejected';
export type Decision = 'confirmed' | 'rejected';
export type LineOutcome = 'acknowledged' | 'possible' | 'not_acknowledged' | 'unrequested';

export const lineKey = (line: LineRef): string => `${line.party}/${line.kind}/${line.recordId}`;

/** The record_id of a `lineKey` (record ids may themselves hold slashes). */
export const recordIdOf = (key: string): string => key.split('/').slice(2).join('/');

/** Names a pair of lines the same way in every run, so that decisions outlive runs. */
export const pairKey = (kind: PairKind, left: LineRef, right: LineRef): string =>
  `${kind}:${lineKey(left)}|${lineKey(right)}`;

export interface StoredDecision {
  readonly decision: Decision;
  readonly leftFingerprint: string;
  readonly rightFingerprint: string;
}

/**
 * A pair's status in a new run. A decision on the same two records carries over while both lines
 * are unchanged; if either changed, the pair goes back to the queue, marked reopened.
 */
export function statusOfPair(
  engineDecision: 'match' | 'possible',
  fingerprints: { left: string; right: string },
  decision: StoredDecision | undefined,
): { status: PairStatus; reopened: boolean } {
  if (!decision)
    return { status: engineDecision === 'match' ? 'matched' : 'open', reopened: false };
  const isUnchanged =
    decision.leftFingerprint === fingerprints.left &&
    decision.rightFingerprint === fingerprints.right;
  return isUnchanged
    ? { status: decision.decision, reopened: false }
    : { status: 'open', reopened: true };
}

export interface OutcomePair {
  /** `lineKey` of the sought line. */
  readonly sought: string;
  /** `lineKey` of the held line. */
  readonly held: string;
  readonly status: PairStatus;
  readonly weight: number;
}

export interface LineConclusion {
  readonly outcome: LineOutcome;
  /** The line on the other list it is matched with, when acknowledged. */
  readonly matchedWith: string | null;
}

/**
 * Each line's outcome. Matches are one-to-one: confirmed pairs first, then the engine's matches by
 * descending weight, each only while both its lines are free. A line left without a match is
 * `possible` if a pair awaiting review holds it; otherwise a sought line is not acknowledged and
 * a held line is unrequested.
 */
export function concludeLines(
  lines: { sought: readonly string[]; held: readonly string[] },
  pairs: readonly OutcomePair[],
): Map<string, LineConclusion> {
  const partner = new Map<string, string>();
  const accepted = [
    ...pairs.filter((p) => p.status === 'confirmed'),
    ...pairs.filter((p) => p.status === 'matched').sort((a, b) => b.weight - a.weight),
  ];
  for (const pair of accepted) {
    if (partner.has(pair.sought) || partner.has(pair.held)) continue;
    partner.set(pair.sought, pair.held);
    partner.set(pair.held, pair.sought);
  }
  const awaitingReview = new Set(
    pairs.filter((p) => p.status === 'open').flatMap((p) => [p.sought, p.held]),
  );
  const conclusions = new Map<string, LineConclusion>();
  for (const [kind, keys] of [
    ['sought', lines.sought],
    ['held', lines.held],
  ] as const) {
    for (const key of keys) {
      const matchedWith = partner.get(key) ?? null;
      const outcome: LineOutcome = matchedWith
        ? 'acknowledged'
        : awaitingReview.has(key)
          ? 'possible'
          : kind === 'sought'
            ? 'not_acknowledged'
            : 'unrequested';
      conclusions.set(key, { outcome, matchedWith });
    }
  }
  return conclusions;
}
