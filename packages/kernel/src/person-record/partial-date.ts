/** A date known to the day, the month or only the year, written as ISO 8601 ('1999', '1999-03', '1999-03-15'). */
export type PartialDate = string & { readonly __brand: 'PartialDate' };

export type DatePrecision = 'year' | 'month' | 'day';

export type PartialDateResult =
  { ok: true; value: PartialDate; precision: DatePrecision } | { ok: false; reason: string };

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** Parses the list format's date forms (YYYY-MM-DD, YYYY-MM, YYYY, DD.MM.YYYY), keeping partial dates partial. */
export function parsePartialDate(text: string): PartialDateResult {
  const iso = ISO.exec(text);
  if (iso) return build(iso[1], iso[2], iso[3]);
  const dotted = DOTTED.exec(text);
  if (dotted) return build(dotted[3], dotted[2], dotted[1]);
  return { ok: false, reason: 'not a date in the form YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY' };
}

function build(
  yearText: string | undefined,
  monthText: string | undefined,
  dayText: string | undefined,
): PartialDateResult {
  const year = Number(yearText);
  if (year < 1850 || year > 2200) return { ok: false, reason: `year ${year} is out of range` };
  if (monthText === undefined) {
    return { ok: true, value: String(year) as PartialDate, precision: 'year' };
  }
  const month = Number(monthText);
  if (month < 1 || month > 12) return { ok: false, reason: `there is no month ${month}` };
  const yyyyMm = `${year}-${pad(month)}`;
  if (dayText === undefined) return { ok: true, value: yyyyMm as PartialDate, precision: 'month' };
  const day = Number(dayText);
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `${yyyyMm} has no day ${day}` };
  }
  return { ok: true, value: `${yyyyMm}-${pad(day)}` as PartialDate, precision: 'day' };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && isLeap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** The first and last day a partial date may name, each as the number YYYYMMDD (so that they compare as dates do). */
export interface DateBounds {
  min: number;
  max: number;
}

/** The days a partial date may name: the whole year or month when it stops there. */
export function dateBounds(date: PartialDate): DateBounds {
  const [year = 0, month, day] = date.split('-').map(Number);
  if (month === undefined) return { min: year * 10_000 + 101, max: year * 10_000 + 1231 };
  const first = year * 10_000 + month * 100;
  if (day === undefined) return { min: first + 1, max: first + daysInMonth(year, month) };
  return { min: first + day, max: first + day };
}

/**
 * Completed years from one day to another, both YYYYMMDD: the difference in those numbers
 * divided by 10,000 counts a year only once its month and day are reached.
 */
export function completedYears(from: number, to: number): number {
  return Math.floor((to - from) / 10_000);
}

/** The fewest and most completed years between two partial dates. */
export function yearsBetween(from: DateBounds, to: DateBounds): { lo: number; hi: number } {
  return { lo: completedYears(from.max, to.min), hi: completedYears(from.min, to.max) };
}

/**
 * Whether `a` is certainly later than `b`, whatever the missing parts turn out to be.
 * Comparing the shared prefix is enough: ISO text sorts like the dates it names.
 */
export function isCertainlyAfter(a: PartialDate, b: PartialDate): boolean {
  const length = Math.min(a.length, b.length);
  return a.slice(0, length) > b.slice(0, length);
}
