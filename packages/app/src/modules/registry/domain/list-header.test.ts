import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIST_COLUMNS } from './list-columns.ts';
import { analyseHeader } from './list-header.ts';

describe('a header read under a column mapping', () => {
  it('reads any names mapped to the list columns as those columns, with the names kept for messages', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...LIST_COLUMNS], { minLength: 1 }),
        fc.uniqueArray(
          fc.string({ minLength: 1, maxLength: 12 }).map((s) => `«${s.trim()}»`),
          {
            minLength: LIST_COLUMNS.length,
            maxLength: LIST_COLUMNS.length,
          },
        ),
        (columns, names) => {
          const labels = columns.map((_, i) => names[i]!);
          const mapping = Object.fromEntries(columns.map((c, i) => [labels[i]!, c]));
          const mapped = analyseHeader(labels, mapping);
          const plain = analyseHeader(columns);
          expect(mapped.slots).toEqual(
            columns.map((column, i) => ({ kind: 'column', column, label: labels[i] })),
          );
          expect(mapped.problems.map((p) => p.message)).toEqual(
            plain.problems.map((p) => p.message),
          );
        },
      ),
    );
  });

  it('leaves the names it does not map to the format’s own matching', () => {
    const { slots } = analyseHeader(['Record_ID', 'Прізвище', 'note'], { Прізвище: 'surname' });
    expect(slots.map((s) => (s.kind === 'column' ? s.column : s.kind))).toEqual([
      'record_id',
      'surname',
      'extra',
    ]);
  });
});
