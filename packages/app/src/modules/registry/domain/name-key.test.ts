import { transliterate } from '@parley/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyPattern, nameKey } from './name-key.ts';
import { nameSkeleton, skeletonPattern } from './name-skeleton.ts';

// Every letter and sign the spellings of a skeleton are made of, a few others, and the Latin
// digraphs, which the key does not merge as the skeleton does.
const LETTERS = [..."абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя'’ʼ`abcdefghijklmnopqrstuvwxyzў- "];
const DIGRAPHS = 'shch sch shh kh zh ts tz ch sh yu iu ju ya ia ja ye ie je yi'.split(' ');
const text = fc
  .array(fc.oneof(fc.constantFrom(...LETTERS), fc.constantFrom(...DIGRAPHS)), {
    minLength: 1,
    maxLength: 20,
  })
  .map((parts) => parts.join(''));

describe('the key of a name', () => {
  it('holds the key of whatever the pattern of a search finds in the name', () => {
    let found = 0;
    fc.assert(
      fc.property(
        text,
        fc.nat(),
        fc.nat(),
        fc.constantFrom('as typed', 'uk-kmu-2010', 'ru-icao-9303', 'ru-bgn-pcgn'),
        (name, start, length, script) => {
          // A part of the name, typed as it is or transliterated: the pattern finds it mostly.
          const from = start % name.length;
          const part = name.slice(from, from + 1 + (length % (name.length - from)));
          const word = script === 'as typed' ? part : transliterate(part, script);
          const skeleton = nameSkeleton(word);
          if (!new RegExp(skeletonPattern(skeleton), 'i').test(name.toLowerCase())) return;
          found++;
          expect(nameKey(name)).toMatch(new RegExp(keyPattern(skeleton)));
        },
      ),
      { numRuns: 5_000 },
    );
    // The property was tested, not skipped: most parts are found.
    expect(found).toBeGreaterThan(2_500);
  });

  it('keeps a name in either script close enough for its index to find it', () => {
    expect(nameKey('Шевченко Олександр')).toBe('sevcenko oleksandr');
    expect(nameKey('Shevchenko Oleksandr')).toBe('sevcenko oleksandr');
    expect(nameKey('Юлія')).toBe('ula');
    expect('sevcenko').toMatch(new RegExp(keyPattern(nameSkeleton('Shevchenko'))));
    expect('ula').toMatch(new RegExp(keyPattern(nameSkeleton('Yuliia'))));
    expect('kovalenko').not.toMatch(new RegExp(keyPattern(nameSkeleton('Shevchenko'))));
  });
});
