/** The first and last day a partial date may name, each as the number YYYYMMDD (so that they compare as dates do). */
export interface DateBounds {
  min: number;
  max: number;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The days a date given as YYYY, YYYY-MM or YYYY-MM-DD may name; null for any other text. */
export function dateBounds(text: string): DateBounds | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] === undefined) return { min: year * 10_000 + 101, max: year * 10_000 + 1231 };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  const first = year * 10_000 + month * 100;
  const last = daysInMonth(year, month);
  if (match[3] === undefined) return { min: first + 1, max: first + last };
  const day = Number(match[3]);
  if (day < 1 || day > last) return null;
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

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
