import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../registry/index.ts';
import { readBagsFile } from './bags-file.ts';

async function* rowsOf(cells: string[][]): AsyncGenerator<RawRow> {
  for (const [i, row] of cells.entries()) yield { line: i + 1, cells: row };
}

const bagLabel = fc
  .string({ minLength: 1, maxLength: 30 })
  .map((text) => text.trim())
  .filter((text) => text.length > 0);

describe('a file of bags', () => {
  it('gives back every bag of a good file, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(bagLabel, fc.integer({ min: 1, max: 20 })), {
          minLength: 1,
          maxLength: 50,
          selector: ([label]) => label,
        }),
        async (bags) => {
          const read = await readBagsFile(
            rowsOf([['Bodies', 'Label'], ...bags.map(([label, n]) => [String(n), label])]),
          );
          expect(read.problems).toEqual([]);
          expect(read.bags).toEqual(bags.map(([label, bodies]) => ({ label, bodies })));
        },
      ),
    );
  });

  it('names the line of each count that is not 1 to 20, and keeps no bag', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.oneof(fc.integer({ min: 21, max: 999 }), fc.constant(0)),
        async (counts, at, wrong) => {
          const bad = at % counts.length;
          const cells = counts.map((n, i) => [`B-${i}`, String(i === bad ? wrong : n)]);
          const read = await readBagsFile(rowsOf([['label', 'bodies'], ...cells]));
          expect(read.bags).toEqual([]);
          expect(read.problems).toEqual([
            expect.objectContaining({ line: bad + 2, column: 'bodies', value: String(wrong) }),
          ]);
        },
      ),
    );
  });

  it('refuses an empty file, a file without bags, and a header it cannot read', async () => {
    expect((await readBagsFile(rowsOf([]))).problems[0]?.message).toBe('the file is empty');
    expect(
      (
        await readBagsFile(
          rowsOf([
            ['label', 'bodies'],
            ['', ''],
          ]),
        )
      ).problems,
    ).toEqual([expect.objectContaining({ line: 2, message: 'the file has no bags' })]);
    const twice = await readBagsFile(rowsOf([['label', 'мішок', 'тела']]));
    expect(twice.problems).toEqual([
      expect.objectContaining({
        line: 1,
        column: 'мішок',
        message: 'the column label is named twice',
      }),
    ]);
  });
});
