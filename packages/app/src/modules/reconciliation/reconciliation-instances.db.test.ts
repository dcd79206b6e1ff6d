import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ephemeralDeploymentKeys } from '../../platform/crypto/deployment-keys.ts';
import { openDatabase, type Database, type OpenDatabase } from '../../platform/db/kysely.ts';
import { buildServices, type Services } from '../../services.ts';
import { buildFile, buildMechanism, csvOf } from '../../testing/factories.ts';
import { adminQuery, withDatabase } from '../../testing/postgres-admin.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';
import { generateSyntheticLists, type ListRecord } from '../demo/index.ts';
import { LIST_COLUMNS } from '../registry/index.ts';

const asCsv = (records: readonly ListRecord[]) =>
  csvOf([[...LIST_COLUMNS], ...records.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))]);

const runsOf = (db: Database, mechanismId: string) =>
  db
    .selectFrom('reconciliation_run')
    .select(['status'])
    .where('mechanism_id', '=', mechanismId)
    .execute();

const auditedActions = async (db: Database, mechanismId: string) =>
  (
    await db
      .selectFrom('audit_entry')
      .select('action')
      .where('mechanism_id', '=', mechanismId)
      .where('action', 'like', 'reconciliation.%')
      .orderBy('seq')
      .execute()
  ).map((e) => e.action);

/**
 * Two server instances on one PostgreSQL: two pools on one database, each with the services as
 * `parley serve` wires them (one deployment key, as instances of one deployment share it).
 */
describe.skipIf(!inject('postgresTemplate'))('reconciliation on two instances [postgres]', () => {
  const url = process.env.PARLEY_TEST_DATABASE_URL ?? '';
  const name = `parley_test_${randomBytes(6).toString('hex')}`;
  const keys = ephemeralDeploymentKeys();
  const lists = generateSyntheticLists({ seed: 17, size: 1_000 });
  let first: OpenDatabase;
  let second: OpenDatabase;
  const instance = (db: Database): Services =>
    buildServices({ db, keys, jobOptions: { leaseMs: 600 } });

  beforeAll(async () => {
    await adminQuery(url, `create database ${name} template ${inject('postgresTemplate')}`);
    first = await openDatabase({ kind: 'postgres', url: withDatabase(url, name) });
    second = await openDatabase({ kind: 'postgres', url: withDatabase(url, name) });
  });
  afterAll(async () => {
    await first?.close().catch(() => {});
    await second?.close();
    await adminQuery(url, `drop database if exists ${name}`);
  });

  const mechanismWithLists = async () => {
    const mechanism = await buildMechanism(second.db);
    const services = instance(second.db);
    for (const [party, kind, records] of [
      ['UA', 'sought', lists.sought],
      ['RU', 'held', lists.held],
    ] as const) {
      await services.registry.importList(SYSTEM_ACTOR, {
        mechanism: mechanism.id,
        party,
        kind,
        acceptInvalid: true,
        file: buildFile(`${party}-${kind}.csv`, asCsv(records)),
      });
    }
    return mechanism.id;
  };

  it('runs a reconciliation started on each instance at once once, and refuses the other', async () => {
    const mechanismId = await mechanismWithLists();
    const [a, b] = [instance(first.db), instance(second.db)];
    const started = await Promise.allSettled([
      a.reconciliation.start(SYSTEM_ACTOR, mechanismId),
      b.reconciliation.start(SYSTEM_ACTOR, mechanismId),
    ]);
    await Promise.all([a.reconciliation.idle(), b.reconciliation.idle()]);

    expect(started.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = started.find((s) => s.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'RECONCILIATION.RUNNING' });
    expect(await runsOf(second.db, mechanismId)).toEqual([{ status: 'done' }]);
    expect(await auditedActions(second.db, mechanismId)).toEqual([
      'reconciliation.start',
      'reconciliation.done',
    ]);
  });

  it('finishes on the other instance a reconciliation whose instance died mid-way', async () => {
    const mechanismId = await mechanismWithLists();
    const [doomed, survivor] = [instance(first.db), instance(second.db)];
    await doomed.reconciliation.start(SYSTEM_ACTOR, mechanismId);
    // Mid-way: the run has begun reading the lists; then the instance's connections end.
    for (let i = 0; i < 400; i++) {
      const [run] = await runsOf(second.db, mechanismId);
      if (run?.status === 'running') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await first.close();

    let resumed = 0;
    for (let i = 0; i < 200 && resumed === 0; i++) {
      resumed = await survivor.jobs.poll();
      if (resumed === 0) await new Promise((r) => setTimeout(r, 50));
    }
    await survivor.reconciliation.idle();

    expect(resumed).toBe(1);
    expect(await runsOf(second.db, mechanismId)).toEqual([{ status: 'done' }]);
    expect(await auditedActions(second.db, mechanismId)).toEqual([
      'reconciliation.start',
      'reconciliation.restart',
      'reconciliation.done',
    ]);
  });
});
