import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/kysely.ts';

/**
 * Runs long work in the background, one job per key at a time, and keeps no state of its own: a
 * job records its progress and result in the database, so that a restart can find what was
 * interrupted and start it again.
 *
 * Two ways in. `start` runs a closure in this process only (one job per key in this process).
 * `enqueue`, with the kinds `define`d, claims the job through the database (the background_job
 * table), so that across every server instance on one PostgreSQL a key has one job at a time: the
 * instance that claimed it holds a lease and renews it while the work runs, and when an instance
 * dies, another takes the job over once the lease has run out (`poll`, or `startPolling`). The
 * claim's attempt is a fencing token: work that lost its lease (a stalled instance whose job was
 * taken over) cannot commit its result (`JobContext.assertHeld`), so a job's result is written once.
 */
export interface JobRunner {
  /** Starts `work` in this process unless a job with the same key runs here; says whether it started. */
  start(key: string, work: (job: JobContext) => Promise<void>): boolean;
  /** Runs `work` here and now (the CLI), with the claim `enqueue` made; rejects with its error. */
  runHere(key: string, work: (job: JobContext) => Promise<void>): Promise<void>;
  /** Whether a job with this key runs in this process. */
  isRunning(key: string): boolean;
  /** Resolves when every job started here so far has ended (tests; an orderly shutdown). */
  idle(): Promise<void>;
  /** How jobs of a kind are carried out when this instance takes one over; every instance defines the same. */
  define<Payload>(kind: string, handler: JobHandler<Payload>): void;
  /**
   * Claims a job for this instance inside the caller's transaction: false when a job with this key
   * is queued or running in any instance. Once the transaction has committed, the caller runs the
   * job with `start(key, work)` (its own closure), or leaves it to `poll` (the kind's handler).
   */
  enqueue<Payload>(trx: Database, job: JobRequest<Payload>): Promise<boolean>;
  /** Queues a job for any instance, unless its key has one: it runs at the next `poll`. */
  queue<Payload>(db: Database, job: JobRequest<Payload>): Promise<boolean>;
  /** Takes over the jobs that are due (queued, or whose holder's lease ran out) and starts them here. */
  poll(): Promise<number>;
  /** Polls every interval until `stop`. */
  startPolling(): void;
  /** Stops polling and waits for the jobs running here. */
  stop(): Promise<void>;
}

export interface JobRequest<Payload> {
  kind: string;
  /** One job per key at a time: `reconciliation:<mechanism id>`. */
  key: string;
  payload: Payload;
}

export interface JobContext {
  readonly key: string;
  /** 1 for the first claim, more when the job was taken over from an instance that stopped. */
  readonly attempt: number;
  /** Aborted when this instance lost the job's lease: the work should stop. */
  readonly signal: AbortSignal;
  /**
   * Inside the transaction that writes the job's result: locks the job's row and throws
   * JobLostError unless this instance still holds this claim, so that the result is written once.
   * Without a claim in the database (a job only `start`ed), it holds.
   */
  assertHeld(trx: Database): Promise<void>;
}

export type JobHandler<Payload> = (payload: Payload, job: JobContext) => Promise<void>;

/** The job was taken over by another instance (its lease ran out here); this run must not commit. */
export class JobLostError extends Error {
  constructor(key: string) {
    super(`the job ${key} was taken over by another instance after its lease here ran out`);
    this.name = 'JobLostError';
  }
}

export interface JobRunnerOptions {
  /** The database that holds the claims; without it, only `start` works (in this process). */
  db?: Database;
  /** How long a claim holds without a heartbeat: a dead instance's jobs wait this long. */
  leaseMs?: number;
  /** How often a running job renews its lease; a third of the lease by default (tests stall it). */
  heartbeatMs?: number;
  /** How often `startPolling` looks for jobs to take over. */
  pollMs?: number;
  /** This instance's name in the claims (random by default). */
  instance?: string;
  /**
   * The only process that can open the database (embedded PGlite): claims left by an earlier
   * process are free at once, with no lease to wait out.
   */
  soleProcess?: boolean;
  /** Told when a job started here has ended, done or failed (the pages' live updates). */
  onEnd?: (key: string) => void;
}

const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_POLL_MS = 10_000;

export function createJobRunner(
  onError: (key: string, error: unknown) => void,
  options: JobRunnerOptions = {},
): JobRunner {
  const { db } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  // A third of the lease: two heartbeats may fail (a busy database) before the lease runs out.
  const heartbeatMs = options.heartbeatMs ?? leaseMs / 3;
  const instance = options.instance ?? `instance-${randomBytes(6).toString('hex')}`;
  const running = new Map<string, Promise<void>>();
  /** The claims this instance made or took over, by key: the attempt is the fencing token. */
  const claims = new Map<string, number>();
  const handlers = new Map<string, JobHandler<unknown>>();
  let polling: NodeJS.Timeout | null = null;
  let polled: Promise<number> = Promise.resolve(0);

  const needDb = (): Database => {
    if (!db) throw new Error('this job runner has no database to claim jobs through');
    return db;
  };
  const lease = sql<Date>`now() + ${sql.lit(`${leaseMs} milliseconds`)}::interval`;

  /** Renews the claim; false when it is no longer this instance's. */
  async function renew(key: string, attempt: number): Promise<boolean> {
    const renewed = await needDb()
      .updateTable('background_job')
      .set({ lease_until: lease })
      .where('key', '=', key)
      .where('owner', '=', instance)
      .where('attempt', '=', attempt)
      .executeTakeFirst();
    return renewed.numUpdatedRows > 0n;
  }

  async function release(key: string, attempt: number): Promise<void> {
    await needDb()
      .deleteFrom('background_job')
      .where('key', '=', key)
      .where('owner', '=', instance)
      .where('attempt', '=', attempt)
      .execute();
  }

  /** Runs the work with its claim's heartbeat; null when a job with this key runs here already. */
  function run(key: string, work: (job: JobContext) => Promise<void>): Promise<void> | null {
    if (running.has(key)) return null;
    const attempt = claims.get(key);
    const lost = new AbortController();
    const job: JobContext = {
      key,
      attempt: attempt ?? 1,
      signal: lost.signal,
      async assertHeld(trx) {
        if (attempt === undefined) return;
        const held = await trx
          .selectFrom('background_job')
          .select('key')
          .where('key', '=', key)
          .where('owner', '=', instance)
          .where('attempt', '=', attempt)
          .forUpdate()
          .executeTakeFirst();
        if (!held) throw new JobLostError(key);
      },
    };
    const task = (async () => {
      const heartbeat =
        attempt === undefined
          ? null
          : setInterval(() => {
              renew(key, attempt).then(
                (held) => held || lost.abort(new JobLostError(key)),
                (error: unknown) => onError(key, error),
              );
            }, heartbeatMs);
      heartbeat?.unref();
      try {
        // A macrotask first, so that the caller's answer goes out before the work begins.
        await new Promise((resolve) => setImmediate(resolve));
        await work(job);
      } finally {
        if (heartbeat) clearInterval(heartbeat);
        running.delete(key);
        if (attempt !== undefined && claims.get(key) === attempt) {
          claims.delete(key);
          await release(key, attempt).catch((error: unknown) => onError(key, error));
        }
        options.onEnd?.(key);
      }
    })();
    running.set(
      key,
      task.catch((error: unknown) => onError(key, error)),
    );
    return task;
  }

  /** Once, before the first claim of a sole process: the claims of processes before it are free. */
  let freed: Promise<unknown> | null = null;
  const freeEarlierClaims = (executor: Database) =>
    options.soleProcess
      ? (freed ??= executor
          .updateTable('background_job')
          .set({ lease_until: sql<Date>`'-infinity'::timestamptz` })
          .where('owner', '<>', instance)
          .execute())
      : null;

  async function insertClaim<Payload>(
    executor: Database,
    job: JobRequest<Payload>,
    owner: string,
    leaseUntil: typeof lease,
    attempt: number,
  ): Promise<boolean> {
    const inserted = await executor
      .insertInto('background_job')
      .values({
        key: job.key,
        kind: job.kind,
        payload: JSON.stringify(job.payload ?? null),
        owner,
        lease_until: leaseUntil,
        attempt,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async function takeOverDue(): Promise<number> {
    const kinds = [...handlers.keys()];
    if (kinds.length === 0) return 0;
    await freeEarlierClaims(needDb());
    // Skip locked: instances polling at once each take other jobs, none waits on another's.
    const { rows } = await sql<{ key: string; kind: string; payload: unknown; attempt: number }>`
      update background_job set owner = ${instance}, lease_until = ${lease}, attempt = attempt + 1
      where key in (
        select key from background_job
        where kind in (${sql.join(kinds)}) and lease_until < now()
        order by created_at
        for update skip locked)
      returning key, kind, payload, attempt`.execute(needDb());
    let started = 0;
    for (const row of rows) {
      const handler = handlers.get(row.kind);
      if (!handler || running.has(row.key)) continue;
      claims.set(row.key, row.attempt);
      if (run(row.key, (job) => handler(row.payload, job))) started++;
    }
    return started;
  }

  function poll(): Promise<number> {
    // One poll at a time in this instance: a second waits for the first, then looks again.
    polled = polled.catch(() => 0).then(takeOverDue);
    return polled;
  }

  return {
    start: (key, work) => run(key, work) !== null,
    runHere: (key, work) =>
      run(key, work) ??
      Promise.reject(new Error(`a job ${key} is running in this process already`)),
    isRunning: (key) => running.has(key),
    async idle() {
      while (running.size > 0) await Promise.all(running.values());
    },
    define(kind, handler) {
      handlers.set(kind, handler as JobHandler<unknown>);
    },
    async enqueue(trx, job) {
      await freeEarlierClaims(trx);
      const claimed = await insertClaim(trx, job, instance, lease, 1);
      if (claimed) claims.set(job.key, 1);
      return claimed;
    },
    async queue(executor, job) {
      // Claimed by no one yet: its first claim, at a poll, is attempt 1.
      return insertClaim(executor, job, 'none', sql<Date>`'-infinity'::timestamptz`, 0);
    },
    poll,
    startPolling() {
      if (polling || !db) return;
      polling = setInterval(() => {
        poll().catch((error: unknown) => onError('poll', error));
      }, pollMs);
      polling.unref();
    },
    async stop() {
      if (polling) clearInterval(polling);
      polling = null;
      await polled.catch(() => 0);
      while (running.size > 0) await Promise.all(running.values());
    },
  };
}
