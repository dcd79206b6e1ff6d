import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePersonLists, linkageQuality, TYPICAL_RATES } from '../testing/index.ts';
import { linkLists } from './link.ts';
import { personListSettings } from './person-settings.ts';
import type { LinkRecord } from './settings.ts';

const settings = personListSettings({ match: 0.9, possible: 0.05 });

/** A person written the same on both lists: every field present and agreeing. */
const fullRecord = (id: string, index: number): LinkRecord => ({
  id,
  fields: {
    surname: ['Гнатишин', 'Кравчук', 'Ярмольчук', 'Ковтуненко'][index % 4]!,
    given_name: ['Остап', 'Тарас', 'Богдан', 'Любомир'][index % 4]!,
    patronymic: ['Романович', 'Іванович', 'Мирославович', 'Степанович'][index % 4]!,
    date_of_birth: `19${70 + (index % 30)}-0${1 + (index % 9)}-1${index % 10}`,
    service_number: `ЖК${String(100000 + index * 7919).slice(0, 6)}`,
    sex: 'M',
  },
});

const unrelated = (seed: number, sought: number, held: number) => {
  const lists = generatePersonLists({ seed, sought, held, rates: TYPICAL_RATES });
  return { left: lists.sought, right: lists.held };
};

const probabilityOf = (result: ReturnType<typeof linkLists>, left: string, right: string): number =>
  result.pairs.find((p) => p.leftId === left && p.rightId === right)?.probability ?? 0;

describe('linking persons: properties', () => {
  it('always matches two records that agree exactly on every field', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 3 }),
        (seed, sought, held, person) => {
          const { left, right } = unrelated(seed, sought, held);
          const result = linkLists(
            [...left, fullRecord('A', person)],
            [fullRecord('B', person), ...right],
            settings,
            { seed: 1 },
          );
          const pair = result.pairs.find((p) => p.leftId === 'A' && p.rightId === 'B');
          expect(pair?.decision).toBe('match');
        },
      ),
      { numRuns: 40 },
    );
  });

  it("keeps a clear pair's decision when unrelated lines are added to both lists", () => {
    const small = { left: [fullRecord('A', 1)], right: [fullRecord('B', 1)] };
    const alone = linkLists(small.left, small.right, settings, { seed: 1 });
    expect(alone.pairs[0]?.decision).toBe('match');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        (seed, sought, held) => {
          const { left, right } = unrelated(seed, sought, held);
          const result = linkLists([...small.left, ...left], [...right, ...small.right], settings, {
            seed: 1,
          });
          const pair = result.pairs.find((p) => p.leftId === 'A' && p.rightId === 'B');
          expect(pair?.decision).toBe('match');
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives a pair the same probability whichever list is on the left', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        // Up to lists with more pairs than the random pairs drawn for u (100,000).
        fc.integer({ min: 1, max: 420 }),
        (seed, size) => {
          const { left, right } = unrelated(seed, size, Math.ceil(size * 0.8));
          const forward = linkLists(left, right, settings, { seed: 3 });
          const backward = linkLists(right, left, settings, { seed: 3 });
          const back = new Map(backward.pairs.map((p) => [`${p.rightId}|${p.leftId}`, p]));
          for (const pair of forward.pairs) {
            const mirror = back.get(`${pair.leftId}|${pair.rightId}`);
            expect(mirror?.decision).toBe(pair.decision);
            expect(Math.abs((mirror?.probability ?? 0) - pair.probability)).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('linking persons: romanisations', () => {
  it('links a GOST 7.79 B surname (x for х) although the lists share no date of birth', () => {
    const { left, right } = unrelated(31, 30, 30);
    left.push({
      id: 'sought-kharchenko',
      fields: { surname: 'Харченко', given_name: 'Олексій', date_of_birth: '1994-03-07' },
    });
    right.push({
      id: 'held-kharchenko',
      fields: { surname: 'Xarchenko', given_name: 'Aleksej', patronymic: 'Petrovich' },
    });
    const result = linkLists(left, right, settings, { seed: 1 });
    expect(probabilityOf(result, 'sought-kharchenko', 'held-kharchenko')).toBeGreaterThan(0.05);
  });
});

describe('linking persons: lists of any size', () => {
  // A pair whose names and full date of birth agree keeps its probability, whatever the lists
  // around it: within 0.001 between lists of 8 and of 4,000 lines (80,000 in the benchmark).
  it('gives a clear pair nearly the same probability in a list of 8 and of 4,000', () => {
    const clear = [fullRecord('A', 2), fullRecord('B', 2)] as const;
    const tiny = unrelated(9, 7, 7);
    const big = unrelated(9, 3_999, 3_999);
    const inTiny = linkLists([clear[0], ...tiny.left], [clear[1], ...tiny.right], settings, {
      seed: 1,
    });
    const inBig = linkLists([clear[0], ...big.left], [clear[1], ...big.right], settings, {
      seed: 1,
    });
    const [small, large] = [probabilityOf(inTiny, 'A', 'B'), probabilityOf(inBig, 'A', 'B')];
    expect(small).toBeGreaterThan(0.999);
    expect(Math.abs(small - large)).toBeLessThan(0.001);
  });

  it('links lists of 5 to 40 lines well, over many seeds', () => {
    let f1 = 0;
    let reached = 0;
    let runs = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const size = 5 + (seed % 36);
      const lists = generatePersonLists({ seed: 1000 + seed, sought: size, held: size });
      const quality = linkageQuality(
        linkLists(lists.sought, lists.held, settings, { seed: 1 }).pairs,
        lists.truth,
      );
      f1 += quality.f1;
      reached += quality.foundForReview;
      runs++;
    }
    expect(f1 / runs).toBeGreaterThanOrEqual(0.97);
    expect(reached / runs).toBeGreaterThanOrEqual(0.99);
  });
});
