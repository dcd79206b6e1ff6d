import { describe, expect, it } from 'vitest';
import { detectScript } from '../normalise/script.ts';
import { transliterate } from '../translit/transliterate.ts';
import type { TranslitSystem } from '../translit/transliterate.ts';
import { GIVEN_NAME_INDEX } from './given-name-index.ts';
import { FEMALE_GIVEN_NAMES, formsOf, GIVEN_NAMES, MALE_GIVEN_NAMES } from './given-names.data.ts';
import { givenNameKey, nameKey } from './name-key.ts';

describe('the given-name table', () => {
  it('has at least 300 male and 100 female names', () => {
    expect(MALE_GIVEN_NAMES.length).toBeGreaterThanOrEqual(300);
    expect(FEMALE_GIVEN_NAMES.length).toBeGreaterThanOrEqual(100);
  });

  it('writes each form in the script its field promises', () => {
    for (const entry of GIVEN_NAMES) {
      for (const form of [entry.uk, entry.ru, ...entry.alt])
        expect(detectScript(form), form).toBe('cyrillic');
      if (entry.be !== undefined) expect(detectScript(entry.be), entry.be).toBe('cyrillic');
      for (const form of entry.latin) expect(detectScript(form), form).toBe('latin');
    }
  });

  it('lists each Ukrainian form once', () => {
    const forms = GIVEN_NAMES.map((entry) => entry.uk);
    expect(new Set(forms).size).toBe(forms.length);
  });

  it('gives no two entries a common key', () => {
    expect(GIVEN_NAME_INDEX.collisions).toEqual([]);
  });

  it('gives every form of an entry the key of its Ukrainian form', () => {
    for (const entry of GIVEN_NAMES) {
      const key = givenNameKey(entry.uk);
      for (const form of formsOf(entry)) expect(givenNameKey(form), form).toBe(key);
    }
  });
});

// The skeleton alone, without the table, must already meet a name and its official
// romanisations: that is what lets surnames, which have no table, meet across scripts.
describe('nameKey of a table name and of its romanisations', () => {
  const cases: readonly [string, 'uk' | 'ru', TranslitSystem][] = [
    ['KMU 2010', 'uk', 'uk-kmu-2010'],
    ['BGN/PCGN 1965 (Ukrainian)', 'uk', 'uk-bgn-pcgn-1965'],
    ['ICAO 9303', 'ru', 'ru-icao-9303'],
    ['BGN/PCGN (Russian)', 'ru', 'ru-bgn-pcgn'],
  ];
  it.each(cases)('%s meets the Cyrillic form', (_label, field, system) => {
    const misses = GIVEN_NAMES.map((entry) => entry[field]).filter(
      (name) => nameKey(transliterate(name, system)) !== nameKey(name),
    );
    expect(misses).toEqual([]);
  });
});
