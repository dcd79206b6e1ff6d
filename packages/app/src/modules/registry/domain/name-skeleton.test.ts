import { transliterate, type TranslitSystem } from '@parley/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FEMALE_GIVEN_NAMES,
  MALE_GIVEN_NAMES,
  RUSSIAN_SURNAMES,
  UKRAINIAN_SURNAMES,
} from '../../demo/domain/names.data.ts';
import { nameSkeleton, skeletonPattern } from './name-skeleton.ts';

const UKRAINIAN = [...MALE_GIVEN_NAMES, ...FEMALE_GIVEN_NAMES, ...UKRAINIAN_SURNAMES].map(
  (pair) => pair.uk,
);
const RUSSIAN = [...MALE_GIVEN_NAMES, ...FEMALE_GIVEN_NAMES, ...RUSSIAN_SURNAMES].map(
  (pair) => pair.ru,
);

describe('the skeleton of a name, shared by its scripts', () => {
  it.each<[TranslitSystem, string[]]>([
    ['uk-kmu-2010', UKRAINIAN],
    ['ru-icao-9303', RUSSIAN],
    ['ru-bgn-pcgn', RUSSIAN],
  ])('a name typed as %s finds its Cyrillic spelling', (system, names) => {
    fc.assert(
      fc.property(fc.constantFrom(...names), (name) => {
        expect(nameSkeleton(name)).toContain(nameSkeleton(transliterate(name, system)));
      }),
      { numRuns: 300 },
    );
  });

  it('finds Олександр for Oleksandr, and Олексій for a Russian spelling typed in Ukrainian', () => {
    expect(nameSkeleton('Oleksandr')).toBe(nameSkeleton('Олександр'));
    expect(nameSkeleton('Олексий')).toBe(nameSkeleton('Олексій'));
    expect(nameSkeleton('Yuliia')).toBe(nameSkeleton('Юлія'));
  });
});

describe('the pattern of a skeleton', () => {
  it.each<[TranslitSystem, string[]]>([
    ['uk-kmu-2010', UKRAINIAN],
    ['ru-icao-9303', RUSSIAN],
    ['ru-bgn-pcgn', RUSSIAN],
  ])('finds a name in Cyrillic from its %s spelling', (system, names) => {
    fc.assert(
      fc.property(fc.constantFrom(...names), (name) => {
        const pattern = new RegExp(skeletonPattern(nameSkeleton(transliterate(name, system))), 'i');
        expect(pattern.test(name)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('finds what the skeletons say is the same, and not other names', () => {
    fc.assert(
      fc.property(fc.constantFrom(...UKRAINIAN, ...RUSSIAN), (name) => {
        expect(new RegExp(skeletonPattern(nameSkeleton(name)), 'i').test(name)).toBe(true);
      }),
    );
    const oleksandr = new RegExp(skeletonPattern(nameSkeleton('Oleksandr')), 'i');
    expect(['Олександр', 'Олександрович', 'Oleksandr'].every((n) => oleksandr.test(n))).toBe(true);
    expect(['Александр', 'Олексій', 'Шевченко'].some((n) => oleksandr.test(n))).toBe(false);
  });

  it('is a pattern for any text typed, never a broken one', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => new RegExp(skeletonPattern(nameSkeleton(text)), 'i')).not.toThrow();
      }),
    );
  });
});
