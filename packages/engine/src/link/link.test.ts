import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldsRule } from '../block/blocking.ts';
import { seededRandom } from '../train/random.ts';
import { dedupeList, linkLists } from './link.ts';
import type { LinkRecord, LinkSettings } from './settings.ts';

const SURNAMES = ['smith', 'jones', 'brown', 'taylor', 'wilson', 'kowalski', 'petrenko', 'martin'];
const GIVEN = ['anna', 'john', 'maria', 'peter', 'olga', 'ivan', 'sarah', 'james', 'lucy', 'tom'];

const typo = (text: string, random: () => number): string => {
  const at = Math.floor(random() * text.length);
  return text.slice(0, at) + text.slice(at + 1);
};

/** Two lists of `size` people, the right one a noisy copy of the left (l-i ↔ r-i). */
function buildLists(size: number, seed: number): { left: LinkRecord[]; right: LinkRecord[] } {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const left: LinkRecord[] = [];
  const right: LinkRecord[] = [];
  for (let i = 0; i < size; i++) {
    const fields = {
      given: pick(GIVEN),
      surname: pick(SURNAMES),
      dob: `19${10 + Math.floor(random() * 80)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      number: String(100000 + Math.floor(random() * 900000)),
    };
    left.push({ id: `l-${i}`, fields });
    const noisy = random();
    right.push({
      id: `r-${i}`,
      fields: {
        given: noisy < 0.2 ? typo(fields.given, random) : fields.given,
        surname: fields.surname,
        dob: noisy > 0.8 ? null : fields.dob,
        number: noisy > 0.4 && noisy < 0.6 ? typo(fields.number, random) : fields.number,
      },
    });
  }
  return { left, right };
}

const settings: LinkSettings = {
  comparisons: [
    { field: 'given', kind: 'given-name' },
    { field: 'surname', kind: 'surname', termFrequency: true },
    { field: 'dob', kind: 'date' },
    { field: 'number', kind: 'identifier' },
  ],
  blocking: { rules: [fieldsRule(['surname']), fieldsRule(['dob'])] },
  thresholds: { match: 0.9, possible: 0.2 },
  training: { randomPairs: 5_000 },
};

describe('linkLists', () => {
  const { left, right } = buildLists(200, 1);
  const result = linkLists(left, right, settings, { seed: 7 });
  const matches = result.pairs.filter((pair) => pair.decision === 'match');

  it('links the noisy copies unsupervised', () => {
    const correct = matches.filter((pair) => pair.leftId.slice(2) === pair.rightId.slice(2));
    expect(correct.length / matches.length).toBeGreaterThan(0.97);
    expect(correct.length / left.length).toBeGreaterThan(0.9);
  });

  it('matches each record at most once', () => {
    expect(new Set(matches.map((pair) => pair.leftId)).size).toBe(matches.length);
    expect(new Set(matches.map((pair) => pair.rightId)).size).toBe(matches.length);
  });

  it('explains each weight as the prior, the fields and the rivals, a missing field counting 0', () => {
    const prior = Math.log2(result.model.lambda / (1 - result.model.lambda));
    for (const pair of result.pairs) {
      expect(pair.prior).toBeCloseTo(prior, 9);
      expect(pair.rivals).toBeLessThanOrEqual(0);
      const sum = pair.contributions.reduce((total, c) => total + c.weight, prior + pair.rivals);
      expect(pair.weight).toBeCloseTo(sum, 9);
      expect(Number.isFinite(pair.weight)).toBe(true);
      expect(pair.probability).toBeGreaterThanOrEqual(0);
      expect(pair.probability).toBeLessThanOrEqual(1);
      for (const c of pair.contributions) if (c.label === 'missing') expect(c.weight).toBe(0);
    }
    expect(result.pairs.some((pair) => pair.contributions.some((c) => c.label === 'missing'))).toBe(
      true,
    );
  });

  it('learns that agreeing on the identifier is strong evidence', () => {
    const number = result.model.fields.find((field) => field.field === 'number')!;
    expect(number.m[0]! / number.u[0]!).toBeGreaterThan(100);
  });

  it('reports pairs completeness when the truth is known', () => {
    const truth = left.map((record, i): [string, string] => [record.id, right[i]!.id]);
    const withTruth = linkLists(left, right, settings, { seed: 7, truth });
    expect(withTruth.blocking.pairsCompleteness?.completeness).toBe(1);
  });
});

describe('linkLists properties', () => {
  it('gives the same result for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer(), (dataSeed, seed) => {
        const { left, right } = buildLists(40, dataSeed);
        expect(linkLists(left, right, settings, { seed })).toEqual(
          linkLists(left, right, settings, { seed }),
        );
      }),
      { numRuns: 10 },
    );
  });

  it('never adds matches when the match threshold rises', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0.01, max: 0.98, noNaN: true }),
        fc.double({ min: 0, max: 0.01, noNaN: true }),
        (dataSeed, low, rise) => {
          const { left, right } = buildLists(40, dataSeed);
          const matchesAt = (match: number): Set<string> =>
            new Set(
              linkLists(
                left,
                right,
                { ...settings, thresholds: { match, possible: 0 } },
                { seed: 3 },
              )
                .pairs.filter((pair) => pair.decision === 'match')
                .map((pair) => `${pair.leftId}|${pair.rightId}`),
            );
          const high = matchesAt(low + rise);
          const lowSet = matchesAt(low);
          for (const pair of high) expect(lowSet.has(pair)).toBe(true);
        },
      ),
      { numRuns: 10 },
    );
  });
});

describe('dedupeList', () => {
  it('clusters the duplicates within one list', () => {
    const { left, right } = buildLists(60, 5);
    const result = dedupeList([...left, ...right], settings, { seed: 1 });
    const correct = left.filter((record, i) => result.clusters.get(right[i]!.id) === record.id);
    expect(correct.length).toBeGreaterThan(50);
    for (const pair of result.pairs) {
      if (pair.decision === 'match') expect(pair.probability).toBeGreaterThanOrEqual(0.99);
    }
  });
});
