import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../access/domain/index.ts';
import { recentActivity, type ActivityEntry } from './activity.ts';
import { currentCounts, disputesOf, type CountedPerson } from './figures.ts';
import { viewerOf } from './viewer.ts';

const MECHANISM = { id: 'm1', parties: ['UA', 'RU'] };
const actorAs = (role: Role, party: string | null = null): Actor => ({
  id: `user:${role}`,
  userId: 'u',
  isSystem: false,
  isAdmin: false,
  grants: [{ mechanismId: 'm1', role, party }],
});
const STATES = ['proposed', 'acknowledged', 'wish_verified', 'refuses_return', 'data_mismatch'];

const persons = fc.array(
  fc
    .record({
      id: fc.uuid(),
      agreementId: fc.constant('a1'),
      party: fc.constantFrom('UA', 'RU'),
      category: fc.constantFrom('wounded', 'young'),
      rank: fc.constant(null),
      state: fc.constantFrom(...STATES),
      stageId: fc.constant(null),
    })
    .map((p): CountedPerson => ({ ...p, receivingParty: p.party === 'UA' ? 'RU' : 'UA' })),
  { maxLength: 40 },
);

describe('what each role is shown', () => {
  it('a party officer counts only the persons their party holds or receives, and never sees the wish', () => {
    fc.assert(
      fc.property(persons, (all) => {
        const viewer = viewerOf(actorAs('party_officer', 'UA'), MECHANISM);
        const { byState } = currentCounts(viewer, all);
        const total = byState.reduce((n, c) => n + c.count, 0);
        expect(total).toBe(all.filter((p) => p.party === 'UA' || p.receivingParty === 'UA').length);
        const keys = byState.map((c) => c.key);
        expect(keys).not.toContain('refuses_return');
        expect(keys).not.toContain('wish_verified');
        const disputes = disputesOf(viewer, all, { UA: 3, RU: 4 });
        expect(disputes.map((d) => d.kind)).not.toContain('not_acknowledged');
        expect(disputes.map((d) => d.kind)).not.toContain('refuses_return');
        expect(disputes.find((d) => d.kind === 'not_cleared' && d.party === 'RU')?.count).toBe(
          all.filter((p) => p.party === 'RU' && p.state === 'refuses_return').length,
        );
      }),
    );
  });

  it("leaves out of a party's figures the persons it neither holds nor receives", () => {
    const viewer = viewerOf(actorAs('party_officer', 'UA'), MECHANISM);
    const elsewhere: CountedPerson = {
      id: 'p',
      agreementId: 'a1',
      party: 'RU',
      receivingParty: 'BY',
      category: 'wounded',
      rank: null,
      state: 'data_mismatch',
      stageId: null,
    };
    expect(currentCounts(viewer, [elsewhere]).byState).toEqual([]);
    expect(disputesOf(viewer, [elsewhere], null).every((d) => d.count === 0)).toBe(true);
  });

  it('the mediator counts both sides as they are, and the disputes of the reconciliation', () => {
    fc.assert(
      fc.property(persons, (all) => {
        const viewer = viewerOf(actorAs('mediator'), MECHANISM);
        const { byState } = currentCounts(viewer, all);
        expect(byState.reduce((n, c) => n + c.count, 0)).toBe(all.length);
        const disputes = disputesOf(viewer, all, { UA: 3, RU: 4 });
        expect(disputes).toContainEqual({ kind: 'not_acknowledged', party: 'RU', count: 4 });
        expect(disputes.filter((d) => d.kind === 'refuses_return')).toHaveLength(2);
      }),
    );
  });

  it('an observer reads no part of the exchange', () => {
    const viewer = viewerOf(actorAs('observer'), MECHANISM);
    expect(viewer).toMatchObject({ sides: [], readsExchange: false, readsReconciliation: false });
  });
});

describe('recent activity', () => {
  const entry = (
    seq: number,
    action: string,
    extra: Partial<ActivityEntry> = {},
  ): ActivityEntry => ({
    seq,
    at: new Date(Date.UTC(2025, 5, 2, 8, seq)).toISOString(),
    actor: 'user:demo-mediator',
    action,
    objectIds: [],
    details: {},
    ...extra,
  });
  const entries = [
    entry(1, 'list.import', {
      actor: 'user:ru',
      details: { party: 'RU', kind: 'held', number: 1 },
    }),
    entry(2, 'list.import', {
      actor: 'user:ua',
      details: { party: 'UA', kind: 'held', number: 1 },
    }),
    entry(3, 'reconciliation.done'),
    entry(4, 'exchange.move', {
      objectIds: ['p-ua-1'],
      details: { from: 'fit_to_travel', to: 'refuses_return' },
    }),
    entry(5, 'exchange.move', {
      objectIds: ['p-ru-1'],
      details: { from: 'acknowledged', to: 'identity_verified' },
    }),
    entry(6, 'exchange.move', {
      objectIds: ['p-ua-2'],
      details: { from: 'acknowledged', to: 'identity_verified' },
    }),
    entry(7, 'exchange.move', {
      objectIds: ['p-ua-3'],
      details: { from: 'acknowledged', to: 'identity_verified' },
    }),
    entry(8, 'list.read', { objectIds: ['v/1'] }),
  ];

  it("tells a party officer of their own party's imports and persons only, without the wish, and bulk moves once", () => {
    const viewer = viewerOf(actorAs('party_officer', 'UA'), MECHANISM);
    const shown = recentActivity(viewer, entries, new Set(['p-ua-1', 'p-ua-2', 'p-ua-3']), 20);
    expect(shown.map((a) => [a.seq, a.action, a.to ?? a.party, a.count ?? null])).toEqual([
      [7, 'exchange.move', 'identity_verified', 2],
      [4, 'exchange.move', 'not_cleared', 1],
      [2, 'list.import', 'UA', null],
    ]);
  });

  it('tells the mediator every change, and no reads', () => {
    const viewer = viewerOf(actorAs('mediator'), MECHANISM);
    const shown = recentActivity(
      viewer,
      entries,
      new Set(['p-ua-1', 'p-ua-2', 'p-ua-3', 'p-ru-1']),
      20,
    );
    expect(shown.map((a) => a.seq)).toEqual([7, 4, 3, 2, 1]);
    expect(shown[0]?.count).toBe(3);
    expect(shown[1]?.to).toBe('refuses_return');
  });
});
