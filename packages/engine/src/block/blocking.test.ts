import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LinkRecord } from '../link/settings.ts';
import { type BlockingRule, candidatePairs, fieldsRule } from './blocking.ts';
import { candidateCompleteness, pairsCompleteness } from './completeness.ts';

const buildRecord = (id: string, fields: Record<string, string | null>): LinkRecord => ({
  id,
  fields,
});

const left = [
  buildRecord('a1', { surname: 'smith', dob: '1950-01-01' }),
  buildRecord('a2', { surname: 'jones', dob: '1960-02-02' }),
  buildRecord('a3', { surname: null, dob: '1970-03-03' }),
];
const right = [
  buildRecord('b1', { surname: 'Smith', dob: '1950-01-01' }),
  buildRecord('b2', { surname: 'smith', dob: '1960-02-02' }),
  buildRecord('b3', { surname: 'brown', dob: null }),
];
const idsOf = (pairs: ReturnType<typeof candidatePairs>, r = right): string[] =>
  Array.from(pairs.left, (l, i) => `${left[l]!.id}-${r[pairs.right[i]!]!.id}`);

describe('candidatePairs', () => {
  it('takes the union of the rules, each pair once, and skips missing keys', () => {
    const pairs = candidatePairs(left, right, [fieldsRule(['surname']), fieldsRule(['dob'])], 100);
    expect(idsOf(pairs)).toEqual(['a1-b1', 'a1-b2', 'a2-b2']);
    expect(pairs.rules.map((rule) => rule.newPairs)).toEqual([2, 1]);
  });

  it('skips and reports blocks over the cap', () => {
    const pairs = candidatePairs(left, right, [fieldsRule(['surname'])], 1);
    expect(idsOf(pairs)).toEqual([]);
    expect(pairs.rules[0]).toMatchObject({ skippedBlocks: 1, skippedPairs: 2 });
  });

  it('pairs records within one list once each, never with themselves', () => {
    const list = [left[0]!, left[1]!, buildRecord('a4', { surname: 'smith' })];
    const pairs = candidatePairs(list, null, [fieldsRule(['surname'])], 100);
    expect(Array.from(pairs.left)).toEqual([0]);
    expect(Array.from(pairs.right)).toEqual([2]);
  });
});

describe('pairsCompleteness', () => {
  it('is the share of true pairs found', () => {
    const found = pairsCompleteness(
      [
        ['a1', 'b1'],
        ['a1', 'b2'],
      ],
      [
        ['a1', 'b1'],
        ['a2', 'b2'],
      ],
    );
    expect(found).toEqual({ found: 1, total: 2, completeness: 0.5 });
    expect(pairsCompleteness([['b', 'a']], [['a', 'b']], true).completeness).toBe(1);
    expect(pairsCompleteness([['b', 'a']], [['a', 'b']]).completeness).toBe(0);
  });
});

/** Candidate pairs the plain way, a set of every pair seen: what candidatePairs must give. */
function referencePairs(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  rules: readonly BlockingRule[],
  maxBlockPairs: number,
): string[] {
  const other = right ?? left;
  const seen = new Set<string>();
  const pairs: string[] = [];
  for (const rule of rules) {
    const blocks = (records: readonly LinkRecord[]) => {
      const map = new Map<string, number[]>();
      records.forEach((record, i) => {
        const key = rule.key(record);
        if (key !== null) map.set(key, [...(map.get(key) ?? []), i]);
      });
      return map;
    };
    const leftBlocks = blocks(left);
    const rightBlocks = right === null ? leftBlocks : blocks(other);
    for (const [key, ls] of leftBlocks) {
      const rs = rightBlocks.get(key) ?? [];
      const size = right === null ? (ls.length * (ls.length - 1)) / 2 : ls.length * rs.length;
      if (size > maxBlockPairs) continue;
      for (const [a, l] of ls.entries()) {
        for (const [b, r] of rs.entries()) {
          if ((right === null && b <= a) || seen.has(`${l}-${r}`)) continue;
          seen.add(`${l}-${r}`);
          pairs.push(`${l}-${r}`);
        }
      }
    }
  }
  return pairs;
}

describe('candidatePairs properties', () => {
  const record = fc.record({
    a: fc.constantFrom('x', 'y', 'z', null),
    b: fc.constantFrom('1', '2', null),
  });
  const list = fc
    .array(record, { maxLength: 12 })
    .map((fields) => fields.map((f, i) => buildRecord(`r${i}`, f)));
  const rules = [fieldsRule(['a']), fieldsRule(['b']), fieldsRule(['a', 'b'])];

  it('gives the union of the rules in the order of a plain set of pairs seen', () => {
    fc.assert(
      fc.property(list, fc.option(list), fc.integer({ min: 0, max: 20 }), (left, right, cap) => {
        const pairs = candidatePairs(left, right, rules, cap);
        const ids = Array.from(pairs.left, (l, i) => `${l}-${pairs.right[i]}`);
        expect(ids).toEqual(referencePairs(left, right, rules, cap));
        expect(pairs.rules.reduce((sum, rule) => sum + rule.newPairs, 0)).toBe(ids.length);
      }),
    );
  });

  it('measures pairs completeness as pairsCompleteness does over the pairs ids', () => {
    const ids = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 6 });
    const truth = fc.array(
      fc.tuple(fc.constantFrom('a', 'b', 'c', 'e'), fc.constantFrom('a', 'b', 'd')),
    );
    fc.assert(
      fc.property(
        ids,
        ids,
        truth,
        fc.boolean(),
        fc.nat(),
        (leftIds, rightIds, pairs, symmetric, seed) => {
          const count = seed % 10;
          const l = Int32Array.from({ length: count }, (_, i) => (seed + i * 7) % leftIds.length);
          const r = Int32Array.from({ length: count }, (_, i) => (seed + i * 3) % rightIds.length);
          const byIds = Array.from(l, (li, i): [string, string] => [
            leftIds[li]!,
            rightIds[r[i]!]!,
          ]);
          expect(candidateCompleteness(leftIds, rightIds, l, r, pairs, symmetric)).toEqual(
            pairsCompleteness(byIds, pairs, symmetric),
          );
        },
      ),
    );
  });
});
