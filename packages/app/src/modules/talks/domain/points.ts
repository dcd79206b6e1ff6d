/** What a document is: a memorandum, a peace plan, a proposal, a statement. */
export const DOCUMENT_KINDS = ['memorandum', 'plan', 'proposal', 'statement'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What a point of a document is about (DOMAIN.md, "Talks and ceasefires"). */
export const POINT_KINDS = [
  'ceasefire',
  'humanitarian',
  'security_guarantee',
  'territory',
  'sanctions',
  'sequence_step',
  'precondition',
] as const;
export type PointKind = (typeof POINT_KINDS)[number];

/** A party's position on a point; `silent` is also what a party holds until it says anything. */
export const STANCES = [
  'proposes',
  'accepts',
  'rejects',
  'accepts_with_conditions',
  'silent',
] as const;
export type Stance = (typeof STANCES)[number];

/** What a position means for agreement: proposing and accepting a point both support it. */
export type StanceSubstance = 'supports' | 'conditional' | 'opposes' | 'silent';

/** The substance of a stance: what the gap view compares. */
export function substanceOf(stance: Stance): StanceSubstance {
  switch (stance) {
    case 'proposes':
    case 'accepts':
      return 'supports';
    case 'accepts_with_conditions':
      return 'conditional';
    case 'rejects':
      return 'opposes';
    case 'silent':
      return 'silent';
  }
}

export interface PositionRecord {
  pointId: string;
  party: string;
  stance: Stance;
  conditions: string | null;
  /** The day the party took the position (YYYY-MM-DD). */
  statedOn: string;
  source: string;
  recordedAt: Date;
}

/**
 * Each party's current position on each point: its latest by the day stated, then by the time
 * recorded; positions form a history and none is ever overwritten.
 */
export function currentPositions(
  positions: readonly PositionRecord[],
): Map<string, Map<string, PositionRecord>> {
  const byPoint = new Map<string, Map<string, PositionRecord>>();
  for (const position of positions) {
    const parties = byPoint.get(position.pointId) ?? new Map<string, PositionRecord>();
    byPoint.set(position.pointId, parties);
    const held = parties.get(position.party);
    if (!held || isLater(position, held)) parties.set(position.party, position);
  }
  return byPoint;
}

function isLater(a: PositionRecord, b: PositionRecord): boolean {
  if (a.statedOn !== b.statedOn) return a.statedOn > b.statedOn;
  return a.recordedAt.getTime() >= b.recordedAt.getTime();
}

export interface PointStances {
  pointId: string;
  /** Each party's stance; a party missing here is silent. */
  stances: Readonly<Record<string, Stance>>;
}

/** Whether the parties' positions on a point differ in substance (a silent party differs from one that speaks). */
export function isGap(point: PointStances, parties: readonly string[]): boolean {
  const substances = new Set(parties.map((p) => substanceOf(point.stances[p] ?? 'silent')));
  return substances.size > 1;
}

/** The points on which the parties' positions differ, in the order given. */
export function gapView<T extends PointStances>(
  points: readonly T[],
  parties: readonly string[],
): T[] {
  return points.filter((point) => isGap(point, parties));
}
