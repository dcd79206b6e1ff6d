import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dateBounds,
  isCertainlyAfter,
  parsePartialDate,
  yearsBetween,
  type PartialDate,
} from './partial-date.ts';

const day = fc.date({
  min: new Date('1900-01-01'),
  max: new Date('2100-12-31'),
  noInvalidDate: true,
});

describe('parsePartialDate', () => {
  it.each([
    ['1999-03-15', '1999-03-15', 'day'],
    ['15.03.1999', '1999-03-15', 'day'],
    ['5.3.1999', '1999-03-05', 'day'],
    ['1999-03', '1999-03', 'month'],
    ['1999', '1999', 'year'],
    ['2000-02-29', '2000-02-29', 'day'],
  ])('reads %s as %s (%s)', (text, value, precision) => {
    expect(parsePartialDate(text)).toEqual({ ok: true, value, precision });
  });

  it.each([
    ['31.02.1999', '1999-02 has no day 31'],
    ['1900-02-29', '1900-02 has no day 29'],
    ['1999-13', 'there is no month 13'],
    ['03/15/1999', 'not a date in the form YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY'],
    ['0999', 'year 999 is out of range'],
  ])('refuses %s: %s', (text, reason) => {
    expect(parsePartialDate(text)).toEqual({ ok: false, reason });
  });

  it('reads every calendar day in both written forms to the same ISO date', () => {
    fc.assert(
      fc.property(day, (date) => {
        const iso = date.toISOString().slice(0, 10);
        const [y, m, d] = iso.split('-');
        expect(parsePartialDate(iso)).toEqual({ ok: true, value: iso, precision: 'day' });
        expect(parsePartialDate(`${d}.${m}.${y}`)).toEqual({
          ok: true,
          value: iso,
          precision: 'day',
        });
      }),
    );
  });

  it('never throws, and what it accepts reads back unchanged', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        const result = parsePartialDate(text);
        if (result.ok) expect(parsePartialDate(result.value)).toEqual(result);
      }),
    );
  });
});

describe('isCertainlyAfter', () => {
  const at = (text: string) => text as PartialDate;
  it('decides only where the missing parts cannot matter', () => {
    expect(isCertainlyAfter(at('2001'), at('1999-05-01'))).toBe(true);
    expect(isCertainlyAfter(at('1999'), at('1999-05-01'))).toBe(false);
    expect(isCertainlyAfter(at('1999-06'), at('1999-05-31'))).toBe(true);
    expect(isCertainlyAfter(at('1999-05-01'), at('1999-05'))).toBe(false);
  });

  it('agrees with the order of full dates', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [x, y] = [a.toISOString().slice(0, 10), b.toISOString().slice(0, 10)];
        const dayNumber = (d: Date) => Math.floor(d.getTime() / 86_400_000);
        expect(isCertainlyAfter(at(x), at(y))).toBe(dayNumber(a) > dayNumber(b));
      }),
    );
  });
});

describe('dateBounds', () => {
  const at = (text: string) => text as PartialDate;
  it('spans the whole year or month a partial date stops at', () => {
    expect(dateBounds(at('1990'))).toEqual({ min: 19900101, max: 19901231 });
    expect(dateBounds(at('2000-02'))).toEqual({ min: 20000201, max: 20000229 });
    expect(dateBounds(at('1900-02'))).toEqual({ min: 19000201, max: 19000228 });
    expect(dateBounds(at('1999-03-15'))).toEqual({ min: 19990315, max: 19990315 });
  });

  it('leaves an age open where the date is partial: born in 1990, 34 or 35 on 2 June 2025', () => {
    expect(yearsBetween(dateBounds(at('1990')), dateBounds(at('2025-06-02')))).toEqual({
      lo: 34,
      hi: 35,
    });
    expect(yearsBetween(dateBounds(at('1990-06-02')), dateBounds(at('2025-06-02')))).toEqual({
      lo: 35,
      hi: 35,
    });
  });

  it('holds every day that the date, completed any way, may name', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(4, 7, 10), (date, length) => {
        const iso = date.toISOString().slice(0, 10);
        const parsed = parsePartialDate(iso.slice(0, length));
        if (!parsed.ok) throw new Error(parsed.reason);
        const { min, max } = dateBounds(parsed.value);
        const dayNumber = Number(iso.replaceAll('-', ''));
        expect(min <= dayNumber && dayNumber <= max).toBe(true);
      }),
    );
  });
});
