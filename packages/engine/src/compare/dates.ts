import { hammingDistance } from './edits.ts';

/**
 * A date as a source list wrote it, known to the year, month or day ('YYYY', 'YYYY-MM',
 * 'YYYY-MM-DD'), read for comparison only. Not the kernel's PartialDate, which is a date the list
 * format accepts: linkage compares what the lists hold, impossible dates included.
 */
export interface ComparedDate {
  readonly year: number;
  readonly month: number | null;
  readonly day: number | null;
  /** The digits as written (YYYY, YYYYMM or YYYYMMDD), for one-digit-off checks. */
  readonly digits: string;
}

const PARTIAL_DATE = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?$/;

/**
 * Reads a date for comparison; month and day are not checked against the calendar, because source
 * lists hold impossible dates (month 13) that still carry information. Null if unreadable.
 */
export function readComparedDate(text: string): ComparedDate | null {
  const match = PARTIAL_DATE.exec(text.trim());
  if (match === null) return null;
  const [, y, m, d] = match;
  return {
    year: Number(y),
    month: m === undefined ? null : Number(m),
    day: d === undefined ? null : Number(d),
    digits: `${y}${m ?? ''}${d ?? ''}`,
  };
}

/** The levels of the date comparison, strongest first. */
export const DATE_LEVELS = [
  'exact',
  'same year and month, day unknown',
  'same year, month unknown',
  'day and month swapped',
  'one digit off',
  'year ±1, same month and day',
  'same year, another month or day',
  'different',
] as const;

/** Stable codes of DATE_LEVELS, for translations. */
export const DATE_LEVEL_CODES = [
  'exact',
  'year-month',
  'year',
  'swapped',
  'digit',
  'year-1',
  'same-year',
  'different',
] as const;

/**
 * The level of two partial dates (an index into DATE_LEVELS). Agreement counts only as far as
 * both dates are known: two years alike ('1991' and '1991') are 'same year, month unknown', never
 * an exact date, since a year is shared by many; a digit or a year off counts only between full
 * dates, where it is rare by chance.
 */
export function compareDates(a: ComparedDate, b: ComparedDate): number {
  const full = a.day !== null && b.day !== null;
  if (full && a.digits === b.digits) return 0;
  if (a.year === b.year) {
    if (a.month === null || b.month === null) return 2;
    if (a.month === b.month && (a.day === null || b.day === null)) return 1;
    if (full && a.month === b.day && a.day === b.month) return 3;
  }
  if (full && hammingDistance(a.digits, b.digits) === 1) return 4;
  if (full && Math.abs(a.year - b.year) === 1 && a.month === b.month && a.day === b.day) return 5;
  return a.year === b.year ? 6 : 7;
}
