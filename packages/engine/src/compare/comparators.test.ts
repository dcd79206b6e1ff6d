import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildComparison, type ComparisonSetting } from './comparators.ts';
import { compareDates, DATE_LEVELS, readComparedDate } from './dates.ts';
import { isWithinOneEdit } from './edits.ts';
import { levelOf, MISSING } from './levels.ts';
import { wordSimilarity } from './tokens.ts';

const labelOf = (setting: ComparisonSetting, a: string | null, b: string | null): string => {
  const comparison = buildComparison(setting);
  const level = levelOf(comparison, a, b);
  return level === MISSING ? 'missing' : comparison.levels[level]!;
};

describe('name comparison', () => {
  const surname: ComparisonSetting = { field: 'surname', kind: 'surname' };
  it('grades the same name, forms, typos, similar, initial and different names', () => {
    expect(labelOf(surname, 'Shevchenko', ' shevchenko ')).toBe('same name');
    expect(labelOf(surname, 'Шевченко', 'Shevchenko')).toBe('same name');
    expect(labelOf(surname, 'Ivanova', 'Ivanov')).toBe('same name');
    expect(labelOf(surname, 'Олійник', 'Олейник')).toBe('Ukrainian or Russian form');
    expect(labelOf(surname, 'Слюсар', 'Slesar')).toBe('Ukrainian or Russian form');
    expect(labelOf(surname, 'Кравченко', 'Krmavchenko')).toBe('one letter off');
    expect(labelOf(surname, 'martinez', 'martinesz')).toBe('one letter off');
    expect(labelOf(surname, 'Ткаченко', 'Tacasenko')).toBe('Jaro-Winkler ≥ 0.8');
    expect(labelOf({ field: 'g', kind: 'given-name' }, 'J.', 'john')).toBe('initial only');
    expect(labelOf(surname, 'smith', 'kowalczyk')).toBe('different');
  });

  it('meets a given name or a patronymic in its Ukrainian, Russian and Latin forms', () => {
    const given: ComparisonSetting = { field: 'g', kind: 'given-name' };
    const patronymic: ComparisonSetting = { field: 'p', kind: 'patronymic' };
    expect(labelOf(given, 'Олександр', 'Aleksandr')).toBe('same name');
    expect(labelOf(given, 'Олександр', 'Александр')).toBe('same name');
    expect(labelOf(given, 'Єгор', 'Остап')).toBe('different');
    expect(labelOf(patronymic, 'Миколайович', 'Николаевич')).toBe('same name');
    expect(labelOf(patronymic, 'Сергійович', 'Sergeevich')).toBe('same name');
    expect(labelOf(patronymic, 'Сергійович', 'Петрович')).toBe('different');
  });
  it('reads a Latin x both as кс and as х (GOST 7.79 B), whichever meets the other name', () => {
    const given: ComparisonSetting = { field: 'g', kind: 'given-name' };
    const patronymic: ComparisonSetting = { field: 'p', kind: 'patronymic' };
    expect(labelOf(surname, 'Харченко', 'Xarchenko')).toBe('same name');
    expect(labelOf(surname, 'Xarskij', 'Харський')).toBe('same name');
    expect(labelOf(surname, 'Хвостжаренко', 'Khvostzharenko')).toBe('same name');
    expect(labelOf(surname, 'Аксёнов', 'Axenov')).toBe('same name');
    expect(labelOf(given, 'Михайло', 'Mixail')).toBe('same name');
    expect(labelOf(given, 'Максим', 'Maxim')).toBe('same name');
    expect(labelOf(patronymic, 'Михайлович', 'Mixajlovich')).toBe('same name');
    expect(labelOf(surname, 'Захарченко', 'Zaxarcheko')).toBe('one letter off');
    expect(labelOf(surname, 'Xarchenko', 'Kovalenko')).toBe('different');
  });

  it('treats a missing or blank value as missing, not as disagreement', () => {
    expect(labelOf(surname, null, 'smith')).toBe('missing');
    expect(labelOf(surname, '  ', 'smith')).toBe('missing');
  });
});

describe('date comparison', () => {
  const level = (a: string, b: string): string =>
    DATE_LEVELS[compareDates(readComparedDate(a)!, readComparedDate(b)!)]!;
  it('grades the kinds of date disagreement', () => {
    expect(level('1950-03-12', '1950-03-12')).toBe('exact');
    expect(level('1950', '1950-03-12')).toBe('same year, month unknown');
    expect(level('1950-03', '1950-03-12')).toBe('same year and month, day unknown');
    expect(level('1950-03-12', '1950-12-03')).toBe('day and month swapped');
    expect(level('1950-03-12', '1950-03-17')).toBe('one digit off');
    expect(level('1950-03-12', '1951-03-12')).toBe('one digit off');
    expect(level('1949-03-12', '1950-03-12')).toBe('year ±1, same month and day');
    expect(level('1950-03-12', '1950-07-28')).toBe('same year, another month or day');
    expect(level('1950-03-12', '1971-07-28')).toBe('different');
  });
  it('never takes two years alike for an exact date, nor a digit off in a year alone', () => {
    expect(level('1991', '1991')).toBe('same year, month unknown');
    expect(level('1991-05', '1991-05')).toBe('same year and month, day unknown');
    expect(level('1991', '1981')).toBe('different');
  });
  it('reads impossible but informative dates, and refuses unreadable ones', () => {
    expect(readComparedDate('1950-13-01')).toEqual({
      year: 1950,
      month: 13,
      day: 1,
      digits: '19501301',
    });
    expect(readComparedDate('12/03/1950')).toBeNull();
  });
});

describe('identifier and token comparisons', () => {
  it('grades identifiers as exact, one edit or different', () => {
    const id: ComparisonSetting = { field: 'id', kind: 'identifier' };
    expect(labelOf(id, 'AB-123', 'ab123')).toBe('exact');
    expect(labelOf(id, 'АБ-123456', 'AB123456')).toBe('exact');
    expect(labelOf(id, 'ВК 654321', 'BK654321')).toBe('exact');
    expect(labelOf(id, '5304218', '5304281')).toBe('one edit');
    expect(labelOf(id, '5304218', '530421')).toBe('one edit');
    expect(labelOf(id, '5304218', '9999999')).toBe('different');
    expect(isWithinOneEdit('abcd', 'acbd')).toBe(true);
    expect(isWithinOneEdit('abcd', 'badc')).toBe(false);
  });
  it('requires numbers to agree and grades word similarity', () => {
    const unit: ComparisonSetting = { field: 'unit', kind: 'tokens' };
    expect(labelOf(unit, '72 Brigade, 3rd battalion', '72 brigade 3rd battalion')).toBe('exact');
    expect(labelOf(unit, '72 brigade 3 battalion', '3 batallion 72 brigade')).toBe(
      'numbers agree, words similar ≥ 0.8',
    );
    expect(labelOf(unit, '72 brigade', '73 brigade')).toBe('different');
    expect(labelOf(unit, 'stanley street', 'stanley road')).toBe(
      'numbers agree, words similar ≥ 0.5',
    );
  });
});

describe('comparison levels', () => {
  const settings: ComparisonSetting[] = [
    { field: 'f', kind: 'name' },
    { field: 'f', kind: 'given-name' },
    { field: 'f', kind: 'surname' },
    { field: 'f', kind: 'patronymic' },
    { field: 'f', kind: 'date' },
    { field: 'f', kind: 'identifier' },
    { field: 'f', kind: 'tokens' },
    { field: 'f', kind: 'exact' },
  ];
  const value = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 12 }),
    fc.stringMatching(/^(19|20)\d\d(-(0\d|1[0-3])(-[0-3]\d)?)?$/),
    fc.constantFrom('Шевченко', 'shevchenko', 'J.', 'john', 'Ivanova', '12 brigade'),
  );
  it('are symmetric and within the level list, or missing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...settings), value, value, (setting, a, b) => {
        const comparison = buildComparison(setting);
        const ab = levelOf(comparison, a, b);
        expect(ab).toBe(levelOf(comparison, b, a));
        expect(ab).toBeGreaterThanOrEqual(MISSING);
        expect(ab).toBeLessThan(comparison.levels.length);
        if (a === null || b === null) expect(ab).toBe(MISSING);
      }),
    );
  });
});

describe('wordSimilarity', () => {
  it('is symmetric, within [0, 1], and 1 for the same words', () => {
    const words = fc.array(fc.stringMatching(/^[a-eé]{1,6}$/), { maxLength: 4 });
    fc.assert(
      fc.property(words, words, (a, b) => {
        const ab = wordSimilarity(a, b);
        expect(ab).toBe(wordSimilarity(b, a));
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
        expect(wordSimilarity(a, a)).toBe(1);
      }),
    );
  });
  it('counts close words as shared', () => {
    expect(wordSimilarity(['stanley', 'street'], ['stanely', 'street'])).toBe(1);
    expect(wordSimilarity(['stanley', 'street'], ['miami'])).toBe(0);
  });
});
