import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LinkRecord } from '../link/record.ts';
import { buildComparison, type ComparisonSetting } from './comparators.ts';
import { levelOf } from './levels.ts';
import { comparisonVectors, encodeColumns } from './vectors.ts';

const SETTINGS: ComparisonSetting[] = [
  { field: 'name', kind: 'surname' },
  { field: 'date', kind: 'date' },
  { field: 'unit', kind: 'tokens' },
];

describe('comparisonVectors', () => {
  const record = fc.record({
    name: fc.constantFrom('Шевченко', 'shevchenko', 'Шевчук', 'Ivanova', ' ', null),
    date: fc.constantFrom('1950-03-12', '1950-12-03', '1950', 'unreadable', null),
    unit: fc.constantFrom('72 brigade', '72 Brigade', '3 batallion 72 brigade', null),
  });
  const list = fc
    .array(record, { minLength: 1, maxLength: 8 })
    .map((rows) => rows.map((fields, i): LinkRecord => ({ id: String(i), fields })));

  it('gives each pair the level of its two raw values, each distinct value prepared once', () => {
    const comparisons = SETTINGS.map(buildComparison);
    fc.assert(
      fc.property(list, list, fc.array(fc.nat(), { maxLength: 30 }), (left, right, picks) => {
        const l = Int32Array.from(picks, (p) => p % left.length);
        const r = Int32Array.from(picks, (p) => (p >> 3) % right.length);
        const levels = comparisonVectors(
          comparisons,
          encodeColumns(comparisons, left),
          encodeColumns(comparisons, right),
          l,
          r,
        );
        const expected = Array.from(l, (li, i) =>
          comparisons.map((comparison) =>
            levelOf(
              comparison,
              left[li]!.fields[comparison.field] ?? null,
              right[r[i]!]!.fields[comparison.field] ?? null,
            ),
          ),
        ).flat();
        expect(Array.from(levels)).toEqual(expected);
      }),
    );
  });
});
