import { transliterate, type TranslitSystem } from '@parley/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FEMALE_GIVEN_NAMES,
  MALE_GIVEN_NAMES,
  RUSSIAN_SURNAMES,
  UKRAINIAN_SURNAMES,
} from '../../demo/domain/names.data.ts';
import { COLLAPSED, nameSkeleton, SQL_SKELETON } from './name-skeleton.ts';

const UKRAINIAN = [...MALE_GIVEN_NAMES, ...FEMALE_GIVEN_NAMES, ...UKRAINIAN_SURNAMES].map(
  (pair) => pair.uk,
);
const RUSSIAN = [...MALE_GIVEN_NAMES, ...FEMALE_GIVEN_NAMES, ...RUSSIAN_SURNAMES].map(
  (pair) => pair.ru,
);

/** What PostgreSQL's replace(...replace(translate(lower(text), from, to), 'ia', 'a')...) gives. */
function sqlTranslate(text: string): string {
  let out = '';
  for (const char of text.toLowerCase()) {
    const at = SQL_SKELETON.from.indexOf(char);
    if (at < 0) out += char;
    else if (at < SQL_SKELETON.to.length) out += SQL_SKELETON.to[at];
  }
  for (const pair of COLLAPSED) out = out.replaceAll(pair, pair.slice(1));
  return out;
}

describe('the skeleton of a name, shared by its scripts', () => {
  it.each<[TranslitSystem, string[]]>([
    ['uk-kmu-2010', UKRAINIAN],
    ['ru-icao-9303', RUSSIAN],
    ['ru-bgn-pcgn', RUSSIAN],
  ])('a name typed as %s finds its Cyrillic spelling', (system, names) => {
    fc.assert(
      fc.property(fc.constantFrom(...names), (name) => {
        expect(sqlTranslate(name)).toContain(nameSkeleton(transliterate(name, system)));
      }),
      { numRuns: 300 },
    );
  });

  it('is what the database computes, for a Cyrillic text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...UKRAINIAN, ...RUSSIAN), (name) => {
        expect(nameSkeleton(name)).toBe(sqlTranslate(name));
      }),
    );
  });

  it('finds Олександр for Oleksandr, and Олексій for a Russian spelling typed in Ukrainian', () => {
    expect(nameSkeleton('Oleksandr')).toBe(sqlTranslate('Олександр'));
    expect(nameSkeleton('Олексий')).toBe(sqlTranslate('Олексій'));
    expect(nameSkeleton('Yuliia')).toBe(sqlTranslate('Юлія'));
  });
});
