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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MAX_POINTS = 60;
// The steps a series may be counted in, the finest that fits the span in MAX_POINTS first.
const STEPS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY];

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
 * The moments a series is counted at, in the finest step that fits the span from the first
 * event to now in MAX_POINTS: the last one is now, the first one a step before the first event,
 * so that the series starts from nothing. Never more than MAX_POINTS.
 */
export function bucketEnds(first: Date, now: Date): Date[] {
  const span = Math.max(0, now.getTime() - first.getTime());
  const fits = (step: number) => Math.ceil(span / step) + 1 <= MAX_POINTS;
  const step = STEPS.find(fits) ?? Math.ceil(span / (MAX_POINTS - 1) / (30 * DAY)) * 30 * DAY;
  const count = Math.min(MAX_POINTS, Math.max(2, Math.ceil(span / step) + 1));
  const ends: Date[] = [];
  for (let i = count - 1; i >= 0; i--) ends.push(new Date(now.getTime() - i * step));
  return ends;
}

/**
 * Counts per key at each moment: `keyOf` names what a person in a state is counted under (the
 * state as the reader may see it, or the category), or null to leave the person out. Each
 * person's moves are walked once alongside the moments (both in time order), so that a long
 * history of many persons is counted in one pass, not a search per moment.
 */
export function seriesOf(
  persons: readonly PersonHistory[],
  ends: readonly Date[],
  keyOf: (person: PersonHistory, state: string) => string | null,
): SeriesPoint[] {
  const times = ends.map((end) => end.getTime());
  const counts = times.map((): Record<string, number> => ({}));
  for (const person of persons) {
    const opened = person.openedAt.getTime();
    const { moves } = person;
    let state = moves[0]?.from ?? person.state;
    let next = 0;
    times.forEach((end, bucket) => {
      if (end < opened) return;
      while (next < moves.length && moves[next]!.at.getTime() <= end) state = moves[next++]!.to;
      const key = keyOf(person, state);
      if (key !== null) counts[bucket]![key] = (counts[bucket]![key] ?? 0) + 1;
    });
  }
  return times.map((end, bucket) => ({ at: new Date(end).toISOString(), counts: counts[bucket]! }));
}

/** The first moment anything happened to these persons, or null when there are none. */
export function firstEvent(persons: readonly PersonHistory[]): Date | null {
  let first: Date | null = null;
  for (const person of persons) if (!first || person.openedAt < first) first = person.openedAt;
  return first;
}

/**
 * What a series is counted from, made once from the histories: at each moment something
 * happened, what it added to or took from each key's count (sorted by time). Counted up to any
 * moments again without the histories, so that a series can run up to now as time goes by
 * without reading or walking every person again.
 */
export interface Timeline {
  readonly times: readonly number[];
  readonly changes: ReadonlyArray<ReadonlyMap<string, number>>;
}

/** The timeline of `seriesOf(persons, ends, keyOf)`, for any ends. */
export function timelineOf(
  persons: readonly PersonHistory[],
  keyOf: (person: PersonHistory, state: string) => string | null,
): Timeline {
  const at = new Map<number, Map<string, number>>();
  const add = (time: number, key: string | null, change: number) => {
    if (key === null) return;
    let changes = at.get(time);
    if (!changes) at.set(time, (changes = new Map<string, number>()));
    changes.set(key, (changes.get(key) ?? 0) + change);
  };
  for (const person of persons) {
    let state = person.moves[0]?.from ?? person.state;
    add(person.openedAt.getTime(), keyOf(person, state), 1);
    for (const move of person.moves) {
      const time = move.at.getTime();
      add(time, keyOf(person, state), -1);
      state = move.to;
      add(time, keyOf(person, state), 1);
    }
  }
  const times = [...at.keys()].sort((a, b) => a - b);
  return { times, changes: times.map((time) => at.get(time)!) };
}

/** The counts per key at each of `ends` (in time order), from a timeline: what seriesOf counts. */
export function seriesFrom(timeline: Timeline, ends: readonly Date[]): SeriesPoint[] {
  const running = new Map<string, number>();
  let next = 0;
  return ends.map((end) => {
    const time = end.getTime();
    for (; next < timeline.times.length && timeline.times[next]! <= time; next++)
      for (const [key, change] of timeline.changes[next]!)
        running.set(key, (running.get(key) ?? 0) + change);
    const counts: Record<string, number> = {};
    for (const [key, count] of running) if (count !== 0) counts[key] = count;
    return { at: end.toISOString(), counts };
  });
}
