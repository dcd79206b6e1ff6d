import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Formula } from '@parley/kernel/agreement';
import { checkParity, planStage, replacementFor, type Candidate } from './stage-plan.ts';

const SIDES = ['UA', 'RU'] as const;
const DIX_HILL: Formula = {
  kind: 'rank_scale',
  scale: [
    { rank: 'colonel', value: 15 },
    { rank: 'major', value: 8 },
    { rank: 'captain', value: 6 },
    { rank: 'sergeant', value: 2 },
    { rank: 'private', value: 1 },
  ],
};

const candidates = fc
  .array(
    fc.record({
      side: fc.constantFrom(...SIDES),
      category: fc.constantFrom('wounded', 'young'),
      rank: fc.constantFrom('colonel', 'major', 'captain', 'sergeant', 'private', 'unknown'),
      priority: fc.integer({ min: 0, max: 50 }),
    }),
    { maxLength: 40 },
  )
  .map((rows) => rows.map((row, i): Candidate => ({ ...row, id: `p${i}` })));

const accountedOnce = (all: readonly Candidate[], plan: ReturnType<typeof planStage>) => {
  const ids = [...plan.selected.map((c) => c.id), ...plan.surplus.map((s) => s.candidate.id)];
  expect(ids.sort()).toEqual(all.map((c) => c.id).sort());
};

describe('a stage plan', () => {
  it('N-for-N: equal numbers per category, within the size, everyone accounted for once', () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: 1, max: 15 }), (all, size) => {
        const plan = planStage(all, { kind: 'n_for_n', n: 1000 }, { sides: SIDES, size });
        accountedOnce(all, plan);
        expect(plan.parity.isBalanced).toBe(true);
        expect(plan.selected.filter((c) => c.side === 'UA').length).toBeLessThanOrEqual(size);
        for (const { reason } of plan.surplus) expect(reason).toMatch(/full|has no one left/);
      }),
    );
  });

  it('rank scale: equal sums of equivalents on both sides, everyone accounted for once', () => {
    fc.assert(
      fc.property(candidates, (all) => {
        const plan = planStage(all, DIX_HILL, { sides: SIDES });
        accountedOnce(all, plan);
        expect(plan.parity.isBalanced).toBe(true);
      }),
    );
  });

  it('all-for-all: everyone in the categories, whatever the numbers', () => {
    fc.assert(
      fc.property(candidates, (all) => {
        const plan = planStage(
          all,
          { kind: 'all_for_all', categories: ['wounded'] },
          { sides: SIDES },
        );
        expect(plan.selected.every((c) => c.category === 'wounded')).toBe(true);
        expect(plan.selected).toHaveLength(all.filter((c) => c.category === 'wounded').length);
        expect(plan.parity).toMatchObject({ isRequired: false, isBalanced: true });
        const limited = planStage(
          all,
          { kind: 'all_for_all', categories: ['wounded', 'young'] },
          { sides: SIDES, size: 3 },
        );
        accountedOnce(all, limited);
        for (const side of SIDES)
          expect(limited.selected.filter((c) => c.side === side).length).toBe(
            Math.min(3, all.filter((c) => c.side === side).length),
          );
      }),
    );
  });

  it('takes the longest captivity first and explains the surplus', () => {
    const people: Candidate[] = [
      { id: 'ua-1', side: 'UA', category: 'young', priority: '2022-03-01' },
      { id: 'ua-2', side: 'UA', category: 'young', priority: '2024-01-10' },
      { id: 'ua-3', side: 'UA', category: 'young', priority: '2014-08-29' },
      { id: 'ru-1', side: 'RU', category: 'young', priority: '2023-05-05' },
      { id: 'ru-2', side: 'RU', category: 'young', priority: '2022-09-01' },
    ];
    const plan = planStage(people, { kind: 'n_for_n', n: 1000 }, { sides: SIDES });
    expect(plan.selected.map((c) => c.id).sort()).toEqual(['ru-1', 'ru-2', 'ua-1', 'ua-3']);
    expect(plan.surplus).toEqual([
      { candidate: people[1], reason: 'RU has no one left in category young to match' },
    ]);
  });

  it('refills a withdrawn place from the same side and category, and parity holds again', () => {
    const people: Candidate[] = [
      { id: 'ua-1', side: 'UA', category: 'wounded', priority: 1 },
      { id: 'ua-2', side: 'UA', category: 'wounded', priority: 2 },
      { id: 'ua-3', side: 'UA', category: 'young', priority: 0 },
      { id: 'ru-1', side: 'RU', category: 'wounded', priority: 1 },
    ];
    const formula: Formula = { kind: 'n_for_n', n: 1 };
    const plan = planStage(people, formula, { sides: SIDES });
    expect(plan.selected.map((c) => c.id)).toEqual(['ua-1', 'ru-1']);
    const remaining = plan.selected.filter((c) => c.id !== 'ua-1');
    expect(checkParity(remaining, formula, SIDES).isBalanced).toBe(false);
    const replacement = replacementFor(people[0]!, plan.selected, people, formula);
    expect(replacement?.id).toBe('ua-2');
    expect(checkParity([...remaining, replacement!], formula, SIDES).isBalanced).toBe(true);
  });
});
