import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeText,
  jaro,
  jaroEncoded,
  jaroWinkler,
  jaroWinklerAgainst,
  jaroWinklerEncoded,
} from './jaro-winkler.ts';

describe('jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('a', '')).toBe(0);
  });

  it('is symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const ab = jaroWinkler(a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
        expect(ab).toBeCloseTo(jaroWinkler(b, a), 12);
      }),
    );
  });

  it('is 1 exactly for equal strings', () => {
    fc.assert(fc.property(fc.string(), (a) => jaroWinkler(a, a) === 1));
  });
});

describe('jaroWinklerEncoded', () => {
  // Few distinct letters, so that texts share characters and transpositions occur; Cyrillic and
  // Latin mixed; lengths on both sides of the 32 units that fit in a mask.
  const letter = fc.constantFrom('а', 'б', 'в', 'і', 'ї', 'a', 'b', 'c', 'ё', 'x', ' ', "'");
  const text = fc.oneof(
    fc.string({ unit: letter, maxLength: 40 }),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  );

  it('gives exactly the plain Jaro and Jaro–Winkler, for any two texts', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(jaroEncoded(encodeText(a), encodeText(b))).toBe(jaro(a, b));
        expect(jaroWinklerEncoded(encodeText(a), encodeText(b))).toBe(jaroWinkler(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same numbers against one text many times as one pair at a time', () => {
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 8 }), (b, many) => {
        const out = new Float64Array(many.length);
        jaroWinklerAgainst(encodeText(b), many.map(encodeText), out);
        expect(Array.from(out)).toEqual(
          many.map((a) => jaroWinklerEncoded(encodeText(a), encodeText(b))),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the textbook values, and falls back to the plain algorithm past 32 units', () => {
    const jw = (a: string, b: string) => jaroWinklerEncoded(encodeText(a), encodeText(b));
    expect(jw('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jw('шевченко', 'шевчено')).toBe(jaroWinkler('шевченко', 'шевчено'));
    const long = 'олександр-володимир костянтинович';
    expect(long.length).toBeGreaterThan(32);
    expect(jw(long, `${long}а`)).toBe(jaroWinkler(long, `${long}а`));
    expect(jw('', '')).toBe(1);
    expect(jw('a', '')).toBe(0);
  });
});
