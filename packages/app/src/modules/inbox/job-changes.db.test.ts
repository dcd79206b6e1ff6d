import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { inProcessChangeFeed, type Change } from '../../platform/events/change-feed.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';
import { generateSyntheticLists, type ListRecord } from '../demo/index.ts';
import { LIST_COLUMNS } from '../registry/index.ts';

const asCsv = (records: readonly ListRecord[]) =>
  csvOf([[...LIST_COLUMNS], ...records.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))]);

/**
 * Issue 16: a background job's result reaches the pages that follow it, as a route's write does
 * (before, only the HTTP routes told the change feed, and a reconciliation's pairs appeared on
 * a reload).
 */
describeEachDatabase('live updates from background jobs', (db) => {
  let services: Services;
  let app: FastifyInstance;
  const feed = inProcessChangeFeed();
  const heard: Change[] = [];

  beforeAll(async () => {
    services = buildTestServices(db());
    app = await buildApp({ services, maxUploadBytes: 1024 * 1024, changes: feed });
    feed.subscribe((change) => heard.push(change));
  });
  afterAll(async () => {
    await app.close();
    await feed.close();
  });

  it('tells the inquiries when their matching ends, and the reconciliation and outcomes when a reconciliation ends', async () => {
    const mechanism = (await buildMechanism(db())).id;
    const people = generateSyntheticLists({ seed: 7, size: 12 });
    for (const [party, kind, records] of [
      ['UA', 'sought', people.sought],
      ['RU', 'held', people.held],
    ] as const)
      await services.registry.importList(SYSTEM_ACTOR, {
        mechanism,
        party,
        kind,
        acceptInvalid: true,
        file: buildFile(`${party}-${kind}.csv`, asCsv(records)),
      });
    // A held list kept: the families' inquiries are matched against it in the background.
    await services.inquiryMatching.idle();
    await services.changes.flushed();
    expect(heard.filter((c) => c.mechanism === mechanism)).toEqual([
      { mechanism, topic: 'inquiries' },
    ]);
    heard.length = 0;
    await services.reconciliation.runNow(SYSTEM_ACTOR, mechanism);
    await services.changes.flushed();
    expect(heard.filter((c) => c.mechanism === mechanism)).toEqual([
      { mechanism, topic: 'reconciliation' },
      { mechanism, topic: 'outcomes' },
    ]);
  });
});
