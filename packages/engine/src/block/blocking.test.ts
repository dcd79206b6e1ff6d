import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LinkRecord } from '../link/record.ts';
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

  it('splits a block over the cap by the refinement key, and reports what it set aside', () => {
    const byDate = fieldsRule(['surname'], undefined, [(record) => record.fields.dob ?? null]);
    const pairs = candidatePairs(left, right, [byDate], 1);
    expect(idsOf(pairs)).toEqual(['a1-b1']);
    expect(pairs.rules[0]).toMatchObject({
      refinedBlocks: 1,
      pairsSetAside: 1,
      skippedBlocks: 0,
      skippedPairs: 0,
    });
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

/** Each record's keys under a rule after the refinements a too-big block calls for. */
function referenceKeys(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  rule: BlockingRule,
  maxBlockPairs: number,
): { left: string[][]; right: string[][] } {
  const keysOf = (record: LinkRecord): string[] => {
    const key = rule.key(record);
    return key === null ? [] : typeof key === 'string' ? [key] : [...new Set(key)];
  };
  let keys = { left: left.map(keysOf), right: (right ?? left).map(keysOf) };
  for (let level = 0; ; level++) {
    const count = (lists: string[][], key: string) => lists.filter((k) => k.includes(key)).length;
    const all = new Set([...keys.left.flat(), ...keys.right.flat()]);
    const tooBig = [...all].filter((key) => {
      const l = count(keys.left, key);
      const size = right === null ? (l * (l - 1)) / 2 : l * count(keys.right, key);
      return size > maxBlockPairs;
    });
    const refinement = rule.refinements?.[level];
    if (tooBig.length === 0 || refinement === undefined) {
      const keep = (lists: string[][]) =>
        lists.map((k) => k.filter((key) => !tooBig.includes(key)));
      return { left: keep(keys.left), right: keep(keys.right) };
    }
    const partsOf = (record: LinkRecord): string[] => {
      const part = refinement(record);
      return part === null ? [] : typeof part === 'string' ? [part] : [...new Set(part)];
    };
    const others = right ?? left;
    const partsByBlock = (key: string) => [
      ...new Set([
        ...left.flatMap((record, i) => (keys.left[i]!.includes(key) ? partsOf(record) : [])),
        ...others.flatMap((record, i) => (keys.right[i]!.includes(key) ? partsOf(record) : [])),
      ]),
    ];
    const refine = (records: readonly LinkRecord[], lists: string[][]) =>
      lists.map((k, i) =>
        k.flatMap((key) => {
          if (!tooBig.includes(key)) return [key];
          const own = partsOf(records[i]!);
          return (own.length > 0 ? own : partsByBlock(key)).map((part) => `${key}\u0001${part}`);
        }),
      );
    keys = { left: refine(left, keys.left), right: refine(others, keys.right) };
  }
}

/** Candidate pairs the plain way, a set of every pair seen: what candidatePairs must give. */
function referencePairs(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  rules: readonly BlockingRule[],
  maxBlockPairs: number,
): string[] {
  const keys = rules.map((rule) => referenceKeys(left, right, rule, maxBlockPairs));
  const seen = new Set<string>();
  const pairs: string[] = [];
  left.forEach((_, l) => {
    keys.forEach((ruleKeys) => {
      for (const key of ruleKeys.left[l]!) {
        ruleKeys.right.forEach((rightKeys, r) => {
          if (!rightKeys.includes(key) || (right === null && r <= l) || seen.has(`${l}-${r}`)) {
            return;
          }
          seen.add(`${l}-${r}`);
          pairs.push(`${l}-${r}`);
        });
      }
    });
  });
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
  const rules: BlockingRule[] = [
    fieldsRule(['a'], undefined, [(record) => record.fields.b ?? null]),
    {
      name: 'b, split by a and by b',
      fields: ['b'],
      key: (record) => record.fields.b ?? null,
      refinements: [
        (record) => [record.fields.a, record.fields.b].filter((v): v is string => v !== null),
      ],
    },
    fieldsRule(['b']),
    fieldsRule(['a', 'b']),
    {
      name: 'a or b',
      fields: ['a', 'b'],
      key: (record) => [record.fields.a, record.fields.b].filter((v): v is string => v !== null),
    },
  ];

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
