import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../normalise/normalise-text.ts';
import { transliterate } from '../translit/transliterate.ts';
import type { TranslitSystem } from '../translit/transliterate.ts';
import { GIVEN_NAMES } from './given-names.data.ts';
import { givenNameKey, nameKey, surnameKey } from './name-key.ts';
import { patronymicKey } from './patronymic.ts';

const SEED = 20250516;
const KEYS = { nameKey, givenNameKey, surnameKey, patronymicKey } as const;

const UKRAINIAN = [...'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'];
const RUSSIAN = [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'];
const LATIN = [...'abcdefghijklmnopqrstuvwxyzšžčëï'];
const CONSONANTS = [...'бвгдзклмнпрстфхчш'];
const VOWELS = [...'аеиоуі'];

const word = (letters: readonly string[]): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 12 });
const anyWord = fc.oneof(word(UKRAINIAN), word(RUSSIAN), word(LATIN));
// Surname stems that end in a consonant, as real stems before -ов/-ський do.
const stem = fc
  .array(fc.tuple(fc.constantFrom(...CONSONANTS), fc.constantFrom(...VOWELS)), {
    minLength: 1,
    maxLength: 3,
  })
  .chain((syllables) =>
    fc.constantFrom(...CONSONANTS).map((last) => syllables.flat().join('') + last),
  );

describe('name keys (properties)', () => {
  it.each(Object.entries(KEYS))('%s never throws and always returns a string', (_name, key) => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(typeof key(text)).toBe('string');
      }),
      { seed: SEED },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(typeof key(text)).toBe('string');
      }),
      { seed: SEED },
    );
  });

  it.each(Object.entries(KEYS))('%s is deterministic', (_name, key) => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), (text) => {
        expect(key(text)).toBe(key(text));
      }),
      { seed: SEED },
    );
  });

  it.each(Object.entries(KEYS))('%s ignores letter case', (_name, key) => {
    fc.assert(
      fc.property(fc.array(anyWord, { minLength: 1, maxLength: 3 }), (words) => {
        const text = words.join(' ');
        const title = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
        expect(key(text.toUpperCase())).toBe(key(text));
        expect(key(title)).toBe(key(text));
      }),
      { seed: SEED },
    );
  });

  it('nameKey ignores white space, apostrophe and hyphen variants', () => {
    fc.assert(
      fc.property(word(UKRAINIAN), word(UKRAINIAN), (a, b) => {
        expect(nameKey(` ${a}\u2013${b}  `)).toBe(nameKey(`${a}-${b}`));
        expect(nameKey(`${a}\u02BC${b}`)).toBe(nameKey(`${a}'${b}`));
      }),
      { seed: SEED },
    );
  });

  it('nameKey of a table name equals nameKey of its official romanisations', () => {
    const systems: Record<'uk' | 'ru', readonly TranslitSystem[]> = {
      uk: ['uk-kmu-2010', 'uk-bgn-pcgn', 'uk-bgn-pcgn-1965'],
      ru: ['ru-icao-9303', 'ru-bgn-pcgn'],
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...GIVEN_NAMES),
        fc.constantFrom('uk' as const, 'ru' as const),
        fc.nat(),
        fc.boolean(),
        (entry, field, pick, upper) => {
          const name = upper ? entry[field].toUpperCase() : entry[field];
          const system = systems[field][pick % systems[field].length]!;
          expect(nameKey(transliterate(name, system))).toBe(nameKey(name));
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('surnameKey folds -ов/-ова, -ін/-іна, -ський/-ська/-ская onto one key', () => {
    fc.assert(
      fc.property(stem, (s) => {
        expect(surnameKey(s + 'ова')).toBe(surnameKey(s + 'ов'));
        expect(surnameKey(s + 'ева')).toBe(surnameKey(s + 'ев'));
        expect(surnameKey(s + 'іна')).toBe(surnameKey(s + 'ін'));
        expect(surnameKey(s + 'ська')).toBe(surnameKey(s + 'ський'));
        expect(surnameKey(s + 'ская')).toBe(surnameKey(s + 'ський'));
      }),
      { seed: SEED },
    );
  });

  it('normaliseText is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const once = normaliseText(text);
        expect(normaliseText(once)).toBe(once);
      }),
      { seed: SEED },
    );
  });
});
