/**
 * How many persons were in each state, or of each category, at each moment: told again from the
 * path's append-only moves (person_transition). Pure: the service reads the moves and the times
 * the paths were opened, and hands them here.
 */

export interface PersonHistory {
  readonly category: string;
  /** The state the person is in now, after every move. */
  readonly state: string;
  /** When the person was put on the path. */
  readonly openedAt: Date;
  /** The person's moves, in the order they were made. */
  readonly moves: ReadonlyArray<{ readonly at: Date; readonly from: string; readonly to: string }>;
}

export interface SeriesPoint {
  /** ISO 8601 UTC: the end of the bucket the counts hold at. */
  readonly at: string;
  readonly counts: Readonly<Record<string, number>>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_POINTS = 60;

/** The state a person was in at a moment, or null before they were put on the path. */
export function stateAt(person: PersonHistory, at: Date): string | null {
  if (at < person.openedAt) return null;
  let state = person.moves[0]?.from ?? person.state;
  for (const move of person.moves) {
    if (move.at > at) break;
    state = move.to;
  }
  return state;
}

/**
 * The moments a series is counted at, from the first event to now: hourly for the first two
 * days, daily for a quarter, weekly after; never more than MAX_POINTS, the last one being now.
 */
export function bucketEnds(first: Date, now: Date): Date[] {
  const span = Math.max(0, now.getTime() - first.getTime());
  const step =
    span <= 2 * DAY
      ? HOUR
      : span <= 90 * DAY
        ? DAY
        : Math.max(7 * DAY, Math.ceil(span / MAX_POINTS / DAY) * DAY);
  const count = Math.min(MAX_POINTS, Math.floor(span / step) + 1);
  const ends: Date[] = [];
  for (let i = count - 1; i >= 0; i--) ends.push(new Date(now.getTime() - i * step));
  return ends;
}

/**
 * Counts per key at each moment: `keyOf` names what a person in a state is counted under (the
 * state as the reader may see it, or the category), or null to leave the person out.
 */
export function seriesOf(
  persons: readonly PersonHistory[],
  ends: readonly Date[],
  keyOf: (person: PersonHistory, state: string) => string | null,
): SeriesPoint[] {
  return ends.map((end) => {
    const counts: Record<string, number> = {};
    for (const person of persons) {
      const state = stateAt(person, end);
      if (state === null) continue;
      const key = keyOf(person, state);
      if (key !== null) counts[key] = (counts[key] ?? 0) + 1;
    }
    return { at: end.toISOString(), counts };
  });
}

/** The first moment anything happened to these persons, or null when there are none. */
export function firstEvent(persons: readonly PersonHistory[]): Date | null {
  let first: Date | null = null;
  for (const person of persons) if (!first || person.openedAt < first) first = person.openedAt;
  return first;
}
