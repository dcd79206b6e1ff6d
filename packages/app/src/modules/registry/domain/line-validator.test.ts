import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatProblem } from './line-problem.ts';
import { createLineValidator } from './line-validator.ts';
import { analyseHeader } from './list-header.ts';

const isKnownCountry = (code: string) => ['UA', 'RU', 'TR'].includes(code);
const HEADER = [
  'Record_ID',
  ' surname ',
  'given_name',
  'sex',
  'nationality',
  'date_of_birth',
  'capture_date',
  'Позивний',
];

function validator(acceptInvalid = false) {
  const header = analyseHeader(HEADER);
  return { header, validate: createLineValidator(header.slots, { acceptInvalid, isKnownCountry }) };
}

describe('the list header', () => {
  it('matches columns case-insensitively and keeps unknown ones as extra, with a warning', () => {
    const { header } = validator();
    expect(header.slots.map((slot) => slot.kind)).toEqual([
      'column',
      'column',
      'column',
      'column',
      'column',
      'column',
      'column',
      'extra',
    ]);
    expect(header.problems.map(formatProblem)).toEqual([
      'line 1, column Позивний: unknown column: its values are kept as extra attributes',
    ]);
  });

  it('names a missing record_id column and a repeated one', () => {
    expect(analyseHeader(['surname', 'Surname']).problems.map(formatProblem)).toEqual([
      'line 1, column Surname: the column appears twice (also column 1)',
      'line 1: the required column record_id is missing',
    ]);
  });
});

describe('a list line', () => {
  it('normalises codes, keeps names verbatim and puts unknown columns in extra', () => {
    const { validate } = validator();
    const { line, problems } = validate(2, [
      '7',
      'Ковальчук',
      'Олена',
      'ж',
      'ua',
      '01.02.1990',
      '2023-05',
      'Сова',
    ]);
    expect(problems).toEqual([]);
    expect(line).toMatchObject({
      recordId: '7',
      surname: 'Ковальчук',
      givenName: 'Олена',
      sex: 'F',
      nationality: 'UA',
      dateOfBirth: '1990-02-01',
      captureDate: '2023-05',
      extra: { Позивний: 'Сова' },
    });
  });

  it('refuses a birth after capture and an unknown country, naming the columns as the file writes them', () => {
    const { validate } = validator();
    const { line, problems } = validate(5, [
      '9',
      'Бондар',
      '',
      'X',
      'ZZ',
      '2024-01-01',
      '2023',
      '',
    ]);
    expect(line).toBeNull();
    expect(problems.map(formatProblem)).toEqual([
      'line 5, column sex: must be M or F ("X")',
      'line 5, column nationality: not an ISO 3166-1 alpha-2 country code ("ZZ")',
      'line 5, column capture_date: the date is given only as a year ("2023")',
      'line 5, column date_of_birth: the date of birth is after the capture date 2023 ("2024-01-01")',
    ]);
  });

  it('with acceptInvalid keeps the raw text, counts the value as missing and warns', () => {
    const { validate } = validator(true);
    const { line, problems } = validate(3, ['9', 'Бондар', '', 'X', '', '', '', '']);
    expect(line).toMatchObject({ sex: null, invalid: { sex: 'X' } });
    expect(problems.map((p) => p.severity)).toEqual(['warning']);
  });

  it('never throws, and either gives a line or names an error, whatever the cells', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 10 }),
        fc.boolean(),
        (cells, acceptInvalid) => {
          const { validate } = validator(acceptInvalid);
          const { line, problems } = validate(2, cells);
          const isBlank = cells.every((cell) => cell.trim() === '');
          expect(line !== null || isBlank || problems.some((p) => p.severity === 'error')).toBe(
            true,
          );
          if (line) expect(problems.every((p) => p.severity === 'warning')).toBe(true);
        },
      ),
    );
  });
});
