import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { withScope } from '../../platform/db/scope.ts';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, csvOf } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';
import { generateSyntheticLists, type ListRecord } from '../demo/index.ts';
import { LIST_COLUMNS } from '../registry/index.ts';
import { createJobRunner } from '../../platform/jobs/job-runner.ts';
import { createReconciliationService } from './reconciliation.service.ts';

const SIZE = 120;

interface PairItem {
  id: string;
  status: string;
  reopened: boolean;
  leftRecordId: string;
  rightRecordId: string;
  contributions: { field: string; weight: number }[];
  left: { party: string; line: { recordId: string; surname: string | null } | null };
  right: { party: string; line: { recordId: string; surname: string | null } | null };
}

const asCsv = (records: readonly ListRecord[]) =>
  csvOf([[...LIST_COLUMNS], ...records.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))]);

describeEachDatabase('reconciliation of a mechanism', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanismId: string;
  let mediator: Record<string, string>;
  const lists = generateSyntheticLists({ seed: 11, size: SIZE });
  const base = () => `/api/v1/mechanisms/${mechanismId}/reconciliation`;

  const importList = (party: string, kind: 'sought' | 'held', text: string) =>
    services.registry.importList(SYSTEM_ACTOR, {
      mechanism: mechanismId,
      party,
      kind,
      acceptInvalid: true,
      file: buildFile(`${party}-${kind}.csv`, text),
    });
  const reconcile = async () => {
    const started = await app.inject({ method: 'POST', url: base(), headers: mediator });
    expect(started.statusCode).toBe(202);
    await services.reconciliation.idle();
    return app.inject({ url: base(), headers: mediator }).then((r) => r.json<StatusBody>());
  };
  const pairsOf = async (query: string) =>
    (await app.inject({ url: `${base()}/pairs?${query}`, headers: mediator })).json<{
      total: number;
      items: PairItem[];
    }>();
  const outcomeOf = async (party: string, kind: string, recordId: string) => {
    const page = await app.inject({
      url: `${base()}/outcomes?party=${party}&kind=${kind}&limit=1000`,
      headers: mediator,
    });
    return page
      .json<{ items: { recordId: string; outcome: string; matchedRecordId: string | null }[] }>()
      .items.find((o) => o.recordId === recordId);
  };

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanismId = (await buildMechanism(db())).id;
    mediator = await tokenFor(services, { mechanism: mechanismId, role: 'mediator' });
    await importList('UA', 'sought', asCsv(lists.sought));
    await importList('RU', 'held', asCsv(lists.held));
  });

  it('runs in the background and gives every line one outcome', async () => {
    const status = await reconcile();
    expect(status.latest).toMatchObject({ status: 'done', phase: 'done', progress: 1 });
    // Who started it, by name: the token's owner and the token's name, beside the logged id.
    expect(status.latest?.startedBy).toMatch(/^token:/);
    expect(status.latest?.startedByName).toMatch(/^user-\d+-\d+ · test$/);
    const counts = status.done?.counts ?? {};
    const lines = lists.sought.length + lists.held.length;
    expect(
      counts.acknowledged! + counts.possible! + counts.not_acknowledged! + counts.unrequested!,
    ).toBe(lines);
    // Acknowledged counts both lines of a match: the generator's truth gives the pairs.
    const truePairs = lists.truth.length;
    expect(counts.acknowledged! / 2).toBeGreaterThan(truePairs * 0.9);
    expect(counts.acknowledged! / 2).toBeLessThanOrEqual(truePairs + counts.possible!);
    expect(status.done?.versions.map((v) => `${v.party} ${v.kind} ${v.number}`).sort()).toEqual([
      'RU held 1',
      'UA sought 1',
    ]);
  });

  it('finds the generated matches, each one to one', async () => {
    const matched = await pairsOf('status=matched&kind=link&limit=200');
    const truth = new Set(lists.truth.map((t) => `${t.soughtId}|${t.heldId}`));
    const correct = matched.items.filter((p) => truth.has(`${p.leftRecordId}|${p.rightRecordId}`));
    expect(correct.length / matched.items.length).toBeGreaterThan(0.97);
    expect(new Set(matched.items.map((p) => p.leftRecordId)).size).toBe(matched.items.length);
    expect(new Set(matched.items.map((p) => p.rightRecordId)).size).toBe(matched.items.length);
  });

  it('shows both records side by side with the contribution of each field', async () => {
    const [pair] = (await pairsOf('status=matched&limit=1')).items;
    expect(pair?.left).toMatchObject({ party: 'UA', line: { recordId: pair?.leftRecordId } });
    expect(pair?.right).toMatchObject({ party: 'RU', line: { recordId: pair?.rightRecordId } });
    expect(pair?.contributions.map((c) => c.field)).toContain('surname');
  });

  it('confirms and rejects, and the outcomes of both lines follow', async () => {
    const [match] = (await pairsOf('status=matched&kind=link&limit=1')).items;
    if (!match) throw new Error('no match to reject');
    const rejected = await app.inject({
      method: 'POST',
      url: `${base()}/pairs/${match.id}/decision`,
      headers: mediator,
      payload: { decision: 'rejected', reason: 'different fathers' },
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect(await outcomeOf('UA', 'sought', match.leftRecordId)).toMatchObject({
      outcome: expect.stringMatching(/^(not_acknowledged|possible)$/) as string,
      matchedRecordId: null,
    });

    const confirmed = await app.inject({
      method: 'POST',
      url: `${base()}/pairs/${match.id}/decision`,
      headers: mediator,
      payload: { decision: 'confirmed' },
    });
    expect(confirmed.json()).toMatchObject({ status: 'confirmed' });
    expect(await outcomeOf('RU', 'held', match.rightRecordId)).toMatchObject({
      outcome: 'acknowledged',
      matchedRecordId: match.leftRecordId,
    });
  });

  it('refuses to confirm a pair whose line is matched with another', async () => {
    const matched = (await pairsOf('status=matched,confirmed&kind=link&limit=200')).items;
    const [first, second] = matched;
    if (!first || !second) throw new Error('two matches needed');
    // Pretend the engine had offered first's sought line with second's held line: confirm that.
    const crossed = await withScope(db(), { system: 'on' }, (trx) =>
      trx
        .updateTable('reconciliation_pair')
        .set({ status: 'open', left_record_id: first.leftRecordId })
        .where('id', '=', second.id)
        .returning('id')
        .execute(),
    );
    expect(crossed).toHaveLength(1);
    const response = await app.inject({
      method: 'POST',
      url: `${base()}/pairs/${second.id}/decision`,
      headers: mediator,
      payload: { decision: 'confirmed' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: { code: 'RECONCILIATION.CONFLICT' } });
  });

  it('carries decisions over to a new version while both lines are unchanged, and reopens the others', async () => {
    const decided = (await pairsOf('status=confirmed,rejected&kind=link&limit=200')).items;
    const [kept] = decided;
    if (!kept) throw new Error('a decided pair is needed');
    const [toChange] = (await pairsOf('status=matched&kind=link&limit=1')).items;
    if (!toChange) throw new Error('a match is needed');
    await app.inject({
      method: 'POST',
      url: `${base()}/pairs/${toChange.id}/decision`,
      headers: mediator,
      payload: { decision: 'confirmed' },
    });
    // RU sends a second version in which one decided person's unit was corrected.
    const held = lists.held.map((r) =>
      r.record_id === toChange.rightRecordId ? { ...r, unit: `${r.unit ?? ''} (corrected)` } : r,
    );
    await importList('RU', 'held', asCsv(held));
    const status = await reconcile();
    expect(status.done?.versions.find((v) => v.party === 'RU')?.number).toBe(2);

    const all = (await pairsOf('kind=link&limit=200')).items;
    const find = (p: PairItem) =>
      all.find((q) => q.leftRecordId === p.leftRecordId && q.rightRecordId === p.rightRecordId);
    expect(find(kept)).toMatchObject({ status: 'confirmed', reopened: false });
    expect(find(toChange)).toMatchObject({ status: 'open', reopened: true });
    // Reopened pairs lead the queue.
    expect((await pairsOf('status=open&limit=1')).items[0]).toMatchObject({ reopened: true });
  });

  it('keeps party officers out, and shows no pairs to a query without the session settings', async () => {
    const officer = await tokenFor(services, {
      mechanism: mechanismId,
      role: 'party_officer',
      party: 'UA',
    });
    for (const url of [base(), `${base()}/pairs`, `${base()}/outcomes`]) {
      const response = await app.inject({ url, headers: officer });
      expect([url, response.statusCode]).toEqual([url, 403]);
    }
    const start = await app.inject({ method: 'POST', url: base(), headers: officer });
    expect(start.statusCode).toBe(403);
    const unscoped = await db()
      .selectFrom('reconciliation_pair')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(unscoped.n)).toBe(0);
  });

  it('audits the start, the reads and every decision', async () => {
    const actions = (
      await db()
        .selectFrom('audit_entry')
        .select('action')
        .where('mechanism_id', '=', mechanismId)
        .execute()
    ).map((row) => row.action);
    for (const action of [
      'reconciliation.start',
      'reconciliation.done',
      'reconciliation.read',
      'review.confirm',
      'review.reject',
      'list.read',
    ])
      expect(actions).toContain(action);
  });

  it('gives the same result when the comparisons run on worker threads', async () => {
    const pairsNow = async () =>
      (await pairsOf('limit=200&kind=link')).items
        .map((p) => `${p.leftRecordId} ${p.rightRecordId} ${p.status} ${p.reopened}`)
        .sort();
    const before = await pairsNow();
    const threaded = createReconciliationService({
      db: db(),
      mechanisms: services.mechanisms,
      registry: services.registry,
      audit: services.audit,
      jobs: createJobRunner(() => {}, { db: db() }),
      parallel: { fromLines: 1, minPairs: 1 },
    });
    await threaded.runNow(SYSTEM_ACTOR, mechanismId);
    expect(await pairsNow()).toEqual(before);
  });

  it('starts an interrupted run again after a restart', async () => {
    const runId = await db()
      .insertInto('reconciliation_run')
      .values({
        mechanism_id: mechanismId,
        status: 'running',
        settings: JSON.stringify({ match: 0.9, review: 0.5, seed: 1 }),
        started_by: 'user:someone',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await services.reconciliation.resumeInterrupted()).toBe(1);
    await services.reconciliation.idle();
    const run = await db()
      .selectFrom('reconciliation_run')
      .select(['status', 'progress'])
      .where('id', '=', runId.id)
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ status: 'done', progress: 1 });
  });
});

interface StatusBody {
  latest: {
    status: string;
    phase: string;
    progress: number;
    startedBy: string;
    startedByName: string | null;
  } | null;
  done: {
    counts: Record<string, number> | null;
    versions: { party: string; kind: string; number: number }[];
  } | null;
}
