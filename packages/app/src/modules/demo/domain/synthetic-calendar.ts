/** A calendar date as year, month (1-12) and day (1-31). */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Counts days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Turns a day count since 1970-01-01 back into a calendar date (civil_from_days). */
export function civilFromDay(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Parses a trusted 'YYYY-MM-DD' literal from the generator's own data tables. */
export function dayFromIso(text: string): number {
  const [year, month, day] = text.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) {
    throw new RangeError(`not a YYYY-MM-DD date: ${text}`);
  }
  return dayFromCivil(year, month, day);
}

/** The day on which someone born on `birthDay` turns `years` old; 29 February rolls to 1 March. */
export function anniversary(birthDay: number, years: number): number {
  const { year, month, day } = civilFromDay(birthDay);
  const target = year + years;
  if (month === 2 && day === 29 && !isLeapYear(target)) return dayFromCivil(target, 3, 1);
  return dayFromCivil(target, month, day);
}

/** Whether the Gregorian year has a 29 February. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Writes a date as YYYY-MM-DD. */
export function formatIso({ year, month, day }: CivilDate): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Writes a date as DD.MM.YYYY, the form many post-Soviet registers use. */
export function formatDotted({ year, month, day }: CivilDate): string {
  return `${pad2(day)}.${pad2(month)}.${year}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
