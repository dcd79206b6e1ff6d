import { describe, expect, it } from 'vitest';
import type { LinkRecord } from '../link/settings.ts';
import { candidatePairs, fieldsRule } from './blocking.ts';
import { pairsCompleteness } from './completeness.ts';

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
