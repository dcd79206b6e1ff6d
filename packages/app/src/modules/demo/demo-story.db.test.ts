import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildTestServices } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';
import {
  DEMO_MECHANISM_NAME,
  ensureDemoAccounts,
  loadDemo,
  playDemoStory,
  type DemoStory,
} from './index.ts';

/**
 * Issue 15: `npm start` opens on an exchange under way. The story is played through the modules'
 * use cases as the demo accounts; what a newcomer then sees is checked here as the screens read it.
 */
describeEachDatabase('the demo, in the middle of the exchange of June 2025', (db) => {
  let services: Services;
  let mechanism: string;
  let story: DemoStory;

  beforeAll(async () => {
    services = buildTestServices(db());
    const demo = await loadDemo(services, SYSTEM_ACTOR, {
      seed: 2025,
      size: 120,
      bothDirections: true,
    });
    mechanism = demo.mechanism.id;
    await ensureDemoAccounts(services.access, SYSTEM_ACTOR, demo.mechanism);
    story = await playDemoStory(services, SYSTEM_ACTOR, demo.mechanism);
  });

  it('has one stage handed over and confirmed, with its manifest signed by every side, and one under way', async () => {
    const stages = await services.exchanges.stages(SYSTEM_ACTOR, mechanism);
    expect(stages.map((s) => [s.number, s.status])).toEqual([
      [1, 'completed'],
      [2, 'executing'],
    ]);
    // At parity: as many persons from each side.
    expect(story.completedStage.persons % 2).toBe(0);
    expect(story.completedStage.persons).toBeGreaterThanOrEqual(4);
    expect(story.executingStage.handedOver).toBe(Math.ceil(story.executingStage.persons / 2));
    const mediator = await services.access.actorOfAccount(SYSTEM_ACTOR, 'demo-mediator');
    const first = await services.exchanges.stage(mediator, {
      mechanism,
      stageId: stages[0]!.id,
    });
    expect(new Set(first.persons.map((p) => p.state))).toEqual(new Set(['receipt_confirmed']));
    const verified = await services.exchanges.verifyManifest(mediator, {
      mechanism,
      manifestId: first.manifests[0]!.id,
    });
    expect(verified).toMatchObject({ ok: true });
  });

  it('tells the story in the audit log by the demo accounts’ names, a refusal with its reason', async () => {
    const moves = await services.audit.find({
      mechanismId: mechanism,
      action: 'exchange.move',
      afterSeq: 0,
      limit: 10_000,
    });
    const actors = new Set(moves.map((entry) => entry.actor));
    expect(actors).toEqual(
      new Set([
        'user:demo-mediator',
        'user:demo-verifier',
        'user:demo-ua-officer',
        'user:demo-ru-officer',
      ]),
    );
    const refusals = moves.filter((entry) => entry.details['to'] === 'refuses_return');
    expect(refusals).toHaveLength(2);
    expect(refusals[0]).toMatchObject({
      actor: 'user:demo-verifier',
      reason: 'said in a private interview that he does not wish to return',
    });
  });

  it('leaves pairs for the mediator to review and remains received, some identified', async () => {
    const mediator = await services.access.actorOfAccount(SYSTEM_ACTOR, 'demo-mediator');
    const overview = await services.remains.overview(mediator, mechanism);
    expect(overview.batches).toHaveLength(1);
    expect(overview.batches[0]).toMatchObject({ from: 'RU', to: 'UA', state: 'received' });
    expect(overview.batches[0]!.bags.filter((b) => b.state === 'identified')).toHaveLength(3);
    const review = await services.reconciliation.pairs(mediator, mechanism, {
      statuses: ['open'],
      offset: 0,
      limit: 10,
    });
    expect(review.total).toBeGreaterThan(0);
  });

  it('registers the families behind the sought lists, answered where the other side names the man', async () => {
    // The test's sought lists have 120 lines: UA's bureau takes all it can, RU's the first 60.
    expect(story.inquiries['UA']).toBeGreaterThan(100);
    expect(story.inquiries['RU']).toBe(60);
    const bureau = await services.access.actorOfAccount(SYSTEM_ACTOR, 'demo-ua-officer');
    const count = async (status?: 'acknowledged' | 'handed_over') =>
      (
        await services.inquiries.list(bureau, {
          mechanism,
          ...(status ? { status } : {}),
          limit: 1,
          offset: 0,
        })
      ).total;
    expect(await count()).toBe(story.inquiries['UA']);
    // The demo's lists name most sought men on the other side's held list, some handed over.
    expect(await count('acknowledged')).toBeGreaterThan(0);
    expect(await count('handed_over')).toBeGreaterThan(0);
  });

  it("gives the mechanism's name, shown in every page's header, in Ukrainian and Russian", async () => {
    const officer = await services.access.actorOfAccount(SYSTEM_ACTOR, 'demo-ua-officer');
    const memory = await services.talks.translations(officer, mechanism);
    expect(memory.find((e) => e.source === DEMO_MECHANISM_NAME)).toMatchObject({
      language: 'en',
      translations: {
        uk: 'Демонстрація UA–RU (Стамбул, 2025)',
        ru: 'Демонстрация UA–RU (Стамбул, 2025)',
      },
    });
  });

  it('is played only by the deployment itself', async () => {
    const mediator = await services.access.actorOfAccount(SYSTEM_ACTOR, 'demo-mediator');
    await expect(services.access.actorOfAccount(mediator, 'demo-verifier')).rejects.toMatchObject({
      code: 'ACCESS.FORBIDDEN',
    });
  });
});
