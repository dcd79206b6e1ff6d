import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, csvOf } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR, type Actor, type Role } from '../access/index.ts';
import { generateSyntheticLists, type ListRecord } from '../demo/index.ts';
import { LIST_COLUMNS } from '../registry/index.ts';
import { createDashboardService } from './dashboard.service.ts';

const asCsv = (records: readonly ListRecord[]) =>
  csvOf([[...LIST_COLUMNS], ...records.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))]);

interface Dashboard {
  categoryNames: Record<string, string>;
  viewer: { sides: string[]; seesWish: boolean; readsReconciliation: boolean };
  persons: {
    byState: Array<{ party: string; key: string; count: number }>;
    byCategory: Array<{ party: string; key: string; count: number }>;
  };
  series: { byState: Array<{ at: string; counts: Record<string, number> }> };
  parity: Array<{
    name: string;
    isRequired: boolean;
    rows: Array<{ category: string; bySide: Record<string, number> }>;
  }>;
  disputes: Array<{ kind: string; party: string; count: number }>;
  nextStages: Array<{ number: number; bySide: Record<string, number>; agreementName: string }>;
  activity: Array<{ action: string; party?: string; to?: string; count?: number }>;
}

/**
 * The dashboard of a mechanism in the middle of an exchange: both sides' lists reconciled, the
 * 2 June categories applied, persons verified, one UA-held person refusing to return, one
 * RU-held person in a data mismatch, and a stage proposed.
 */
describeEachDatabase('the mechanism dashboard', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  const headers = new Map<string, { authorization: string }>();
  const actors = new Map<string, Actor>();
  let agreementId: string;

  const as = async (name: string, role: Role, party?: string) => {
    const header = await tokenFor(services, { mechanism, role, ...(party ? { party } : {}) });
    headers.set(name, header);
    const actor = await services.access.actorOfToken(header.authorization.slice(7));
    actors.set(name, actor!);
    return actor!;
  };
  const dashboardOf = async (name: string) => {
    const answer = await app.inject({
      url: `/api/v1/mechanisms/${mechanism}/dashboard`,
      headers: headers.get(name)!,
    });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json<Dashboard>();
  };

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
    const ua = generateSyntheticLists({ seed: 31, size: 30 });
    const ru = generateSyntheticLists({ seed: 32, size: 30 });
    for (const [party, kind, records] of [
      ['UA', 'sought', ua.sought],
      ['RU', 'held', ua.held],
      ['RU', 'sought', ru.sought],
      ['UA', 'held', ru.held],
    ] as const) {
      await services.registry.importList(SYSTEM_ACTOR, {
        mechanism,
        party,
        kind,
        acceptInvalid: true,
        file: buildFile(`${party}-${kind}.csv`, asCsv(records)),
      });
    }
    const mediator = await as('mediator', 'mediator');
    const verifier = await as('verifier', 'neutral_verifier');
    await as('ua', 'party_officer', 'UA');
    await as('observer', 'observer');
    await services.reconciliation.runNow(mediator, mechanism);
    const { id: agreement } = await services.agreements.create(mediator, mechanism, {
      template: 'istanbul-2025-06-02',
    });
    await services.eligibility.evaluate(mediator, { mechanism, agreement });
    await services.exchanges.openPaths(mediator, { mechanism, agreement });
    const moveAll = async (who: Actor, from: string, to: string) => {
      const persons = await services.exchanges.persons(mediator, {
        mechanism,
        agreement,
        state: from,
      });
      await services.exchanges.move(who, {
        mechanism,
        moves: persons.map((p) => ({ personId: p.id, to: to as never })),
      });
    };
    await moveAll(verifier, 'acknowledged', 'identity_verified');
    await moveAll(mediator, 'identity_verified', 'category_confirmed');
    await moveAll(verifier, 'category_confirmed', 'fit_to_travel');
    const fit = await services.exchanges.persons(mediator, {
      mechanism,
      agreement,
      state: 'fit_to_travel',
    });
    const uaHeld = fit.find((p) => p.party === 'UA')!;
    const ruHeld = fit.find((p) => p.party === 'RU')!;
    await services.exchanges.move(verifier, {
      mechanism,
      moves: [{ personId: uaHeld.id, to: 'refuses_return', reason: 'private interview' }],
    });
    await services.exchanges.move(mediator, {
      mechanism,
      moves: [{ personId: ruHeld.id, to: 'data_mismatch', reason: 'date of birth differs' }],
    });
    await moveAll(verifier, 'fit_to_travel', 'wish_verified');
    await moveAll(mediator, 'wish_verified', 'approved');
    await services.exchanges.proposeStage(mediator, {
      mechanism,
      agreement,
      place: 'Belarus–Ukraine border',
      date: '2025-06-09',
      size: 3,
    });
    agreementId = agreement;
  }, 120_000);

  describe('for the mediator', () => {
    it('counts both sides by state as they are, over time, with the disputes of the reconciliation', async () => {
      const seen = await dashboardOf('mediator');
      expect(seen.viewer).toMatchObject({ seesWish: true });
      expect([...seen.viewer.sides].sort()).toEqual(['RU', 'UA']);
      const count = (party: string, key: string) =>
        seen.persons.byState.find((c) => c.party === party && c.key === key)?.count ?? 0;
      expect(count('UA', 'refuses_return')).toBe(1);
      expect(count('RU', 'data_mismatch')).toBe(1);
      expect(count('UA', 'approved') + count('UA', 'assigned')).toBeGreaterThan(0);
      const last = seen.series.byState.at(-1)!;
      const total = seen.persons.byState.reduce((n, c) => n + c.count, 0);
      expect(Object.values(last.counts).reduce((a, b) => a + b, 0)).toBe(total);
      expect(seen.disputes).toContainEqual({ kind: 'refuses_return', party: 'UA', count: 1 });
      expect(seen.disputes).toContainEqual({ kind: 'data_mismatch', party: 'RU', count: 1 });
      const notAcknowledged = seen.disputes.filter((d) => d.kind === 'not_acknowledged');
      expect(notAcknowledged.map((d) => d.party).sort()).toEqual(['RU', 'UA']);
      expect(seen.nextStages).toMatchObject([{ number: 1, bySide: { UA: 3, RU: 3 } }]);
      expect(seen.parity[0]?.rows.length).toBeGreaterThan(0);
      // Whether the agreement asks parity at all (the answer once left it out): Istanbul's
      // all for all does not.
      expect(seen.parity[0]?.isRequired).toBe(false);
      expect(seen.categoryNames['young_servicemen']).toMatch(/\S/);
      expect(seen.activity[0]).toMatchObject({ action: 'exchange.stage.propose' });
      expect(seen.activity.map((a) => a.to)).toContain('refuses_return');
    });
  });

  describe('for a party officer', () => {
    it('counts the persons their party holds or receives, shows the refusal as not cleared, and nothing of the reconciliation', async () => {
      const seen = await dashboardOf('ua');
      expect(seen.viewer).toMatchObject({
        party: 'UA',
        seesWish: false,
        readsReconciliation: false,
      });
      const keys = seen.persons.byState.map((c) => c.key);
      expect(keys).toContain('not_cleared');
      expect(keys).not.toContain('refuses_return');
      expect(keys).not.toContain('wish_verified');
      const seriesKeys = seen.series.byState.flatMap((p) => Object.keys(p.counts));
      expect(seriesKeys).not.toContain('refuses_return');
      expect(seriesKeys).not.toContain('wish_verified');
      expect(seen.disputes.map((d) => d.kind)).not.toContain('not_acknowledged');
      expect(seen.disputes.map((d) => d.kind)).not.toContain('refuses_return');
      expect(seen.disputes).toContainEqual({ kind: 'not_cleared', party: 'UA', count: 1 });
      expect(seen.disputes).toContainEqual({ kind: 'data_mismatch', party: 'RU', count: 1 });
      const imports = seen.activity.filter((a) => a.action === 'list.import');
      expect(imports.length).toBeGreaterThan(0);
      expect(imports.every((a) => a.party === 'UA')).toBe(true);
      expect(seen.activity.map((a) => a.action)).not.toContain('reconciliation.done');
      expect(seen.activity.map((a) => a.to)).not.toContain('refuses_return');
      // Stages and their parity are the exchange's, which every party reads.
      expect(seen.nextStages).toMatchObject([{ number: 1, bySide: { UA: 3, RU: 3 } }]);
      // No reason given for a move reaches the dashboard: it may name the person.
      expect(JSON.stringify(seen)).not.toContain('private interview');
      expect(JSON.stringify(seen)).not.toContain('date of birth differs');
    });
  });

  it('shows an observer the mechanism, with no figure of the exchange', async () => {
    const seen = await dashboardOf('observer');
    expect(seen.persons).toEqual({ byState: [], byCategory: [] });
    expect(seen.disputes).toEqual([]);
    expect(seen.nextStages).toEqual([]);
    // An observer hears of lists and agreements, not of persons, stages or the reconciliation.
    const actions = new Set(seen.activity.map((a) => a.action));
    expect([...actions].sort()).toEqual(['agreement.create', 'list.import']);
  });

  it('refuses a caller without a role in the mechanism', async () => {
    const other = (await buildMechanism(db())).id;
    const stranger = await tokenFor(services, { mechanism: other, role: 'mediator' });
    const answer = await app.inject({
      url: `/api/v1/mechanisms/${mechanism}/dashboard`,
      headers: stranger,
    });
    expect(answer.statusCode).toBe(403);
  });

  // Overviews are shared between readers for a few seconds: a change must still show at once.
  it('shows a change made just after an overview was read', async () => {
    const before = await dashboardOf('mediator');
    await Promise.all([dashboardOf('mediator'), dashboardOf('mediator')]);
    await services.exchanges.proposeStage(actors.get('mediator')!, {
      mechanism,
      agreement: agreementId,
      place: 'Belarus–Ukraine border',
      date: '2025-06-10',
      size: 1,
    });
    const after = await dashboardOf('mediator');
    expect(after.nextStages.length).toBe(before.nextStages.length + 1);
    expect(after.activity[0]).toMatchObject({ action: 'exchange.stage.propose' });
  });

  // The figures are read once and kept while the log records no change; the series still run
  // up to the moment the overview is asked for.
  it('counts the series up to now as time goes by, from the figures read', async () => {
    let now = new Date();
    const dashboard = createDashboardService({
      db: db(),
      mechanisms: services.mechanisms,
      agreements: services.agreements,
      reconciliation: services.reconciliation,
      clock: () => now,
    });
    const mediator = actors.get('mediator')!;
    const first = await dashboard.dashboard(mediator, mechanism);
    now = new Date(now.getTime() + 30_000);
    const later = await dashboard.dashboard(mediator, mechanism);
    expect(later.generatedAt).toBe(now.toISOString());
    expect(later.series.byState.at(-1)).toEqual({
      at: now.toISOString(),
      counts: first.series.byState.at(-1)!.counts,
    });
    expect(later.persons).toEqual(first.persons);
  });
});
