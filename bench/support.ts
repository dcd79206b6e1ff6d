/**
 * What the benchmarks share: fresh, migrated databases to run in (PostgreSQL and PGlite), the
 * process's memory, and the small helpers for printing and recording figures.
 */
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '../packages/app/src/platform/db/kysely.ts';

/** The PostgreSQL server the benchmarks create their databases on (PARLEY_BENCH_POSTGRES_URL overrides it). */
export const POSTGRES_URL =
  process.env.PARLEY_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/';

const RSS_SAMPLE_MS = 50;

/** Runs `work` in a new temporary directory (named from `prefix`), removed afterwards, also when it fails. */
export async function withTempDir<T>(
  prefix: string,
  work: (tmp: string) => Promise<T>,
): Promise<T> {
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), prefix));
  try {
    return await work(tmp);
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
}

/** Whether the PostgreSQL server was reached, as a result records it. */
export type PostgresReach = { reachable: true } | { reachable: false; reason: string };

/**
 * Runs each of `works` on its own fresh, migrated PostgreSQL database, if the server can be
 * reached (if not, prints so, followed by `unreachableNote`), then each on its own fresh PGlite
 * database under `tmp`; the results come in that order.
 */
export async function onEachDatabase<T>(
  tmp: string,
  works: ReadonlyArray<(database: OpenDatabase) => Promise<T>>,
  unreachableNote: string,
): Promise<{ results: T[]; postgres: PostgresReach }> {
  const results: T[] = [];
  const postgres = await connectPostgres();
  try {
    if (postgres.admin) {
      for (const work of works) results.push(await withPostgresDatabase(postgres.admin, work));
    } else {
      console.log(
        `PostgreSQL at ${redact(POSTGRES_URL)} is unreachable (${postgres.reason}): ${unreachableNote}`,
      );
    }
  } finally {
    await postgres.admin?.end();
  }
  for (const work of works) results.push(await withPgliteDatabase(tmp, work));
  return {
    results,
    postgres: postgres.admin ? { reachable: true } : { reachable: false, reason: postgres.reason },
  };
}

/** A connection to the server's `postgres` database, or why there is none. */
export type PostgresAdmin =
  { admin: pg.Client; reason?: undefined } | { admin?: undefined; reason: string };

/** Connects to the server's `postgres` database, to create and drop the benchmark's databases. */
export async function connectPostgres(): Promise<PostgresAdmin> {
  const adminUrl = new URL(POSTGRES_URL);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({
    connectionString: adminUrl.toString(),
    connectionTimeoutMillis: 5_000,
  });
  admin.on('error', (error) => console.error(`PostgreSQL admin connection: ${error.message}`));
  try {
    await admin.connect();
    return { admin };
  } catch (error) {
    await admin.end().catch(() => {});
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs `work` on a fresh, migrated PostgreSQL database that is dropped afterwards. */
export async function withPostgresDatabase<T>(
  admin: pg.Client,
  work: (database: OpenDatabase, url: string) => Promise<T>,
): Promise<T> {
  const name = `parley_bench_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`); // a simple query, outside any transaction
  try {
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    const database = await openDatabase(
      { kind: 'postgres', url: url.toString() },
      { migrate: true },
    );
    try {
      console.log(`PostgreSQL: database ${name} created and migrated (not timed)`);
      return await work(database, url.toString());
    } finally {
      await database.close();
    }
  } finally {
    await dropDatabase(admin, name);
  }
}

/**
 * Drops the benchmark's database. A plain DROP waits a few seconds for closing sessions to go;
 * FORCE, which terminates them, is the fallback (it would also kill a pool's idle connection).
 */
async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  } catch (error) {
    console.error(
      `could not drop database ${name} (${(error as Error).message}); dropping it WITH (FORCE)`,
    );
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** Runs `work` on a fresh, migrated PGlite database in a temporary data directory under `tmp`, removed afterwards. */
export async function withPgliteDatabase<T>(
  tmp: string,
  work: (database: OpenDatabase) => Promise<T>,
): Promise<T> {
  const dataDir = await fsp.mkdtemp(path.join(tmp, 'pglite-'));
  try {
    const started = performance.now();
    const database = await openDatabase({ kind: 'pglite', dataDir }, { migrate: true });
    try {
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `PGlite: fresh database created and migrated in ${seconds.toFixed(1)} s (not timed)`,
      );
      return await work(database);
    } finally {
      await database.close();
    }
  } finally {
    await fsp.rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Collects garbage, notes the process's resident set (`before`), then samples it every 50 ms
 * until `stop()`, which may be called more than once; PGlite runs in-process, so its memory counts too.
 */
export function sampleRss(): { before: number; stop(): void; peak(): number } {
  collectGarbage();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  let timer: NodeJS.Timeout | null = setInterval(sample, RSS_SAMPLE_MS);
  return {
    before,
    stop() {
      if (timer === null) return;
      clearInterval(timer);
      timer = null;
      sample();
    },
    peak: () => peak,
  };
}

let gc: (() => void) | null | undefined;

/** Collects garbage before a measured run so that what came before weighs less on its RSS. */
function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}

/** Lays out a table as text: a header, a rule, the rows; the first `leftColumns` columns left-aligned, the rest right-aligned. */
export function formatRows(
  header: readonly string[],
  rows: readonly string[][],
  leftColumns: number,
): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        i < leftColumns ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
      )
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The URL with its password, if any, replaced by `***`, for printing. */
export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Bytes in MiB. */
export function mib(bytes: number): number {
  return bytes / 1024 / 1024;
}

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
