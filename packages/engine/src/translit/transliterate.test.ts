import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transliterate, TRANSLIT_SYSTEMS } from './transliterate.ts';

const SEED = 20250602;
const CYRILLIC = [
  ...'абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёыэъўАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯЁЫЭЪЎ',
];

describe('transliterate', () => {
  it('applies the KMU 2010 word-initial and зг rules', () => {
    expect(transliterate('Юрій Згурський', 'uk-kmu-2010')).toBe('Yurii Zghurskyi');
    expect(transliterate('Соломія Їжакевич', 'uk-kmu-2010')).toBe('Solomiia Yizhakevych');
  });

  it('drops the Ukrainian apostrophe in any of its code points', () => {
    for (const apostrophe of ["'", '\u2019', '\u02BC']) {
      expect(transliterate(`Короп${apostrophe}є`, 'uk-kmu-2010')).toBe('Koropie');
    }
  });

  it('restores Title and ALL CAPS after transliterating the lower case', () => {
    expect(transliterate('ЗГУРОВСЬКИЙ', 'uk-kmu-2010')).toBe('ZGHUROVSKYI');
    expect(transliterate('ЩЕГЛОВА Юлія', 'uk-kmu-2010')).toBe('SHCHEHLOVA Yuliia');
    expect(transliterate('ЩЕГЛОВА', 'ru-icao-9303')).toBe('SHCHEGLOVA');
    expect(transliterate('Щеглова', 'ru-icao-9303')).toBe('Shcheglova');
  });

  it('writes each Russian scheme its own way', () => {
    const name = 'Фёдор Васильевич Щукин';
    expect(transliterate(name, 'ru-icao-9303')).toBe('Fedor Vasilevich Shchukin');
    expect(transliterate(name, 'ru-bgn-pcgn')).toBe('Fëdor Vasil’yevich Shchukin');
    expect(transliterate(name, 'ru-gost-7.79-b')).toBe('Fyodor Vasil`evich Shhukin');
  });

  it('repairs Latin look-alikes in a Cyrillic word before transliterating', () => {
    expect(transliterate('Kиpилo', 'uk-kmu-2010')).toBe('Kyrylo');
  });

  it('passes Latin, digits and punctuation through', () => {
    expect(transliterate('Іван (Ivan), 1990', 'uk-kmu-2010')).toBe('Ivan (Ivan), 1990');
  });

  it('never throws and leaves no Cyrillic letter behind', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...CYRILLIC, ' ', '-', "'") }),
        fc.constantFrom(...TRANSLIT_SYSTEMS),
        (text, system) => {
          expect(transliterate(text, system)).not.toMatch(/\p{Script=Cyrillic}/u);
        },
      ),
      { seed: SEED },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.constantFrom(...TRANSLIT_SYSTEMS),
        (text, system) => {
          expect(typeof transliterate(text, system)).toBe('string');
        },
      ),
      { seed: SEED },
    );
  });
});
