import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminQuery, withDatabase } from '../../testing/postgres-admin.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { openDatabase, type Database, type OpenDatabase } from '../db/kysely.ts';
import { createJobRunner, JobLostError, type JobContext } from './job-runner.ts';

const claimsOf = (db: Database) =>
  db.selectFrom('background_job').select(['key', 'kind', 'attempt']).orderBy('key').execute();

/** A promise and the function that settles it: a job held mid-way until the test says. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const until = async (check: () => Promise<boolean> | boolean) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
};

describeEachDatabase('background jobs claimed through the database', (db) => {
  it('claims a key once, frees it when the job ends, and keeps no claim of a rolled-back transaction', async () => {
    const errors: unknown[] = [];
    const jobs = createJobRunner((_key, error) => errors.push(error), { db: db() });
    const request = { kind: 'export', key: 'export:a', payload: { list: 'a' } };
    const claimed = await db()
      .transaction()
      .execute((trx) => jobs.enqueue(trx, request));
    expect(claimed).toBe(true);
    expect(
      await db()
        .transaction()
        .execute((trx) => jobs.enqueue(trx, request)),
    ).toBe(false);
    await db()
      .transaction()
      .execute(async (trx) => {
        expect(await jobs.enqueue(trx, { ...request, key: 'export:b' })).toBe(true);
        throw new Error('the use case failed after claiming');
      })
      .catch(() => {});
    expect(await claimsOf(db())).toEqual([{ key: 'export:a', kind: 'export', attempt: 1 }]);

    let ran = 0;
    expect(jobs.start('export:a', async () => void ran++)).toBe(true);
    await jobs.idle();
    expect({ ran, claims: await claimsOf(db()), errors }).toEqual({
      ran: 1,
      claims: [],
      errors: [],
    });
  });

  it('starts a queued job at the next poll with its kind, and an unknown kind waits', async () => {
    const jobs = createJobRunner(() => {}, { db: db() });
    const seen: unknown[] = [];
    jobs.define<{ n: number }>(
      'count',
      async (payload, job) => void seen.push([payload, job.attempt]),
    );
    await jobs.queue(db(), { kind: 'count', key: 'count:1', payload: { n: 1 } });
    await jobs.queue(db(), { kind: 'unknown', key: 'unknown:1', payload: {} });
    expect(await jobs.poll()).toBe(1);
    await jobs.idle();
    expect(seen).toEqual([[{ n: 1 }, 1]]);
    expect((await claimsOf(db())).map((c) => c.key)).toEqual(['unknown:1']);
    await db().deleteFrom('background_job').execute();
  });
});

/** Two server instances: two pools on one PostgreSQL database, each with its own job runner. */
describe.skipIf(!inject('postgresTemplate'))(
  'background jobs across two instances [postgres]',
  () => {
    const url = process.env.PARLEY_TEST_DATABASE_URL ?? '';
    const name = `parley_test_${randomBytes(6).toString('hex')}`;
    let first: OpenDatabase;
    let second: OpenDatabase;

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

    it('gives a key claimed on both at once to one of them', async () => {
      const runners = [first, second].map((d) => createJobRunner(() => {}, { db: d.db }));
      const request = { kind: 'reconciliation', key: 'reconciliation:same', payload: {} };
      const claims = await Promise.all(
        [first, second].map((d, i) =>
          d.db.transaction().execute(async (trx) => {
            const claimed = await runners[i]!.enqueue(trx, request);
            await new Promise((r) => setTimeout(r, 100)); // both inside their transactions
            return claimed;
          }),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      await first.db.deleteFrom('background_job').execute();
    });

    it('lets the other instance finish a job whose instance stalled, and refuses the stalled one its commit', async () => {
      const lostErrors: unknown[] = [];
      // The first instance stalls: its heartbeat comes after its lease has run out.
      const stalled = createJobRunner((_key, error) => lostErrors.push(error), {
        db: first.db,
        leaseMs: 400,
        heartbeatMs: 60_000,
      });
      const other = createJobRunner(() => {}, { db: second.db, leaseMs: 400 });
      const committed: string[] = [];
      const commit = (db: Database, job: JobContext, by: string) =>
        db.transaction().execute(async (trx) => {
          await job.assertHeld(trx);
          committed.push(by);
        });
      other.define('export', (_payload, job) => commit(second.db, job, 'second'));
      const request = { kind: 'export', key: 'export:stalled', payload: {} };
      expect(await first.db.transaction().execute((trx) => stalled.enqueue(trx, request))).toBe(
        true,
      );
      const held = gate();
      stalled.start(request.key, async (job) => {
        await held.opened;
        await commit(first.db, job, 'first');
      });

      expect(await other.poll()).toBe(0); // the lease still holds
      await new Promise((r) => setTimeout(r, 500));
      expect(await other.poll()).toBe(1);
      await other.idle();
      held.open();
      await stalled.idle();

      expect(committed).toEqual(['second']);
      expect(lostErrors).toEqual([expect.any(JobLostError)]);
      expect(await claimsOf(first.db)).toEqual([]);
    });

    it('lets the other instance finish a job whose instance died mid-way', async () => {
      const doomed = createJobRunner(() => {}, { db: first.db, leaseMs: 400 });
      const survivor = createJobRunner(() => {}, { db: second.db, leaseMs: 400 });
      const finishedBy: Array<[string, number]> = [];
      survivor.define(
        'export',
        async (_payload, job) => void finishedBy.push(['second', job.attempt]),
      );
      const request = { kind: 'export', key: 'export:died', payload: {} };
      await first.db.transaction().execute((trx) => doomed.enqueue(trx, request));
      const started = gate();
      doomed.start(request.key, async () => {
        started.open();
        await new Promise(() => {}); // never ends: the instance dies first
      });
      await started.opened;
      await first.close(); // its connections end: no heartbeat, no commit

      await until(async () => (await survivor.poll()) > 0);
      await survivor.idle();
      expect(finishedBy).toEqual([['second', 2]]);
      expect(await claimsOf(second.db)).toEqual([]);
    });
  },
);
