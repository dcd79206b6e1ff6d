import { INQUIRY_STATUSES, type InquiryStatus } from '@parley/kernel/inquiry';

/** The periods the figures count by. */
export const FIGURE_UNITS = ['day', 'week', 'month'] as const;
export type FigureUnit = (typeof FIGURE_UNITS)[number];

/**
 * The statuses that first tell a family something of the person: his name on the other side's
 * held list, on a stage, handed over, or his remains identified.
 */
export const ANSWERING_STATUSES = [
  'acknowledged',
  'on_stage',
  'handed_over',
  'remains_identified',
] as const satisfies readonly InquiryStatus[];

/** The days from an inquiry to its first answer are counted up to each of these (the last: more). */
export const ANSWER_DAYS = [7, 30, 90, 365] as const;

/** How many inquiries of a status changed in one period: +1 for each that came, −1 for each that left. */
export interface StatusMoves {
  readonly party: string;
  /** The period's start, ISO. */
  readonly t: string;
  readonly status: string;
  readonly n: number;
}

/** How many inquiries stood in each status at the end of each period. */
export interface SeriesPoint {
  readonly at: string;
  readonly counts: Readonly<Record<InquiryStatus, number>>;
}

const zero = () =>
  Object.fromEntries(INQUIRY_STATUSES.map((s) => [s, 0])) as Record<InquiryStatus, number>;

/** The start of the period after the one starting at `at`. */
export function nextPeriod(at: Date, unit: FigureUnit): Date {
  const next = new Date(at);
  if (unit === 'day') next.setUTCDate(next.getUTCDate() + 1);
  if (unit === 'week') next.setUTCDate(next.getUTCDate() + 7);
  if (unit === 'month') next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

/**
 * Inquiries by status at the end of every period from the first move to the last, of the moves
 * given (one party's, or all parties' for the total): each status carried forward through the
 * periods in which nothing moved.
 */
export function seriesOf(moves: readonly StatusMoves[], unit: FigureUnit): SeriesPoint[] {
  if (moves.length === 0) return [];
  const byPeriod = new Map<number, StatusMoves[]>();
  for (const move of moves) {
    const key = Date.parse(move.t);
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), move]);
  }
  const starts = [...byPeriod.keys()].sort((a, b) => a - b);
  const last = starts.at(-1)!;
  const counts = zero();
  const points: SeriesPoint[] = [];
  for (let at = new Date(starts[0]!); at.getTime() <= last; at = nextPeriod(at, unit)) {
    for (const move of byPeriod.get(at.getTime()) ?? [])
      if (move.status in counts) counts[move.status as InquiryStatus] += move.n;
    points.push({ at: at.toISOString(), counts: { ...counts } });
  }
  return points;
}
