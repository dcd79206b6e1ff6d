/**
 * The audit benchmark (DESIGN.md, "Performance budgets": verify an audit log of 1,000,000
 * entries in ≤ 10 s). It builds a realistic log of 1,000,000 hash-chained entries, the leaves of
 * the log's Merkle tree, with a signed tree head after every 10,000 (building is not timed
 * against the budget), in PostgreSQL and in PGlite, then times the audit service's `verify()`
 * end to end as the service chooses, then hashing each entry here (as main did) and in the
 * database, and a second verify
 * after one entry near the end was changed behind the log's back.
 */
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import {
  createAuditLog,
  type AuditLog,
  type ChainVerdict,
} from '../packages/app/src/modules/audit/index.ts';
// Below the audit module's public surface: the bench writes the log in bulk, as only the
// service's appender otherwise does, and reads its pages as verify does.
import { canonicalRows, copiedPage } from '../packages/app/src/modules/audit/audit.repository.ts';
import { copiedRowCount } from '../packages/app/src/modules/audit/domain/copied-page.ts';
import { PAGE_SIZE } from '../packages/app/src/modules/audit/log-verifier.ts';
import {
  canonicalDetails,
  sealEntry,
  type AuditEntry,
} from '../packages/app/src/modules/audit/domain/audit-entry.ts';
import { ephemeralDeploymentKeys } from '../packages/app/src/platform/crypto/deployment-keys.ts';
import {
  isEmbedded,
  type Database,
  type OpenDatabase,
} from '../packages/app/src/platform/db/kysely.ts';
import { createWorkload } from './audit-workload.ts';
import { writeResult } from './machine.ts';
import { formatRows, mib, onEachDatabase, round, sampleRss, withTempDir } from './support.ts';

/** The budget's log; PARLEY_BENCH_AUDIT_ENTRIES makes a smaller one for a quick try (no verdict). */
const BUDGET_ENTRIES = 1_000_000;
const ENTRIES = Number(process.env.PARLEY_BENCH_AUDIT_ENTRIES ?? BUDGET_ENTRIES);
/** Entries per bulk insert, and a signed tree head after each (the server signs every 1,000). */
const INSERT_BATCH = 10_000;
const SEED = 20_261_125;
/** Changed for the second verify: near the end, and not at a head. */
const TAMPER_SEQ = ENTRIES - 7;
/** DESIGN.md: verify an audit log of 1,000,000 entries in ≤ 10 s (no database named: both). */
const BUDGET_SECONDS = 10;
/** Worker threads for verify (PARLEY_BENCH_AUDIT_WORKERS); by default the service's choice. */
const WORKERS = process.env.PARLEY_BENCH_AUDIT_WORKERS
  ? Number(process.env.PARLEY_BENCH_AUDIT_WORKERS)
  : undefined;

interface Timed<T> {
  seconds: number;
  /** CPU time of this process, all its threads (workers and PGlite included), not PostgreSQL's. */
  cpuSeconds: number;
  /**
   * CPU time of the database's PostgreSQL backends over the same span (null on PGlite, whose CPU
   * is this process's): with cpuSeconds, what verify costs whatever else loads the machine.
   */
  databaseCpuSeconds: number | null;
  peakRssMiB: number;
  loadAverage: number;
  value: T;
}

export interface AuditFigure {
  database: 'postgres' | 'pglite';
  build: { seconds: number; entries: number; heads: number; tableMiB: number } | null;
  /** The timed `createAuditLog(...).verify()` over the intact log, hashed where the service chooses. */
  verify: (Timed<ChainVerdict> & { entriesPerSecond: number }) | null;
  /**
   * The same verify as main did it (`hashIn: 'process'`): the database builds each entry's
   * canonical form and sends it here, where worker threads hash it. Same log, same run.
   */
  verifyHashedHere: (Timed<ChainVerdict> & { entriesPerSecond: number }) | null;
  /** The same verify with every entry hashed by the database (`hashIn: 'database'`). */
  verifyHashedInDatabase: (Timed<ChainVerdict> & { entriesPerSecond: number }) | null;
  /**
   * Reading every page as the verify hashed here does, hashing nothing: the database's share of
   * it (only with PARLEY_BENCH_AUDIT_READ_ONLY=1, since it costs minutes on PGlite).
   */
  readOnly: Timed<number> | null;
  /** A second verify after entry TAMPER_SEQ was changed with the triggers off. */
  tamperedVerify: (Timed<ChainVerdict> & { namedTheEntry: boolean }) | null;
  /** Closing the database after all that (PGlite once spun here for minutes). */
  closeSeconds: number | null;
  workers: number | 'default';
  budgetSeconds: number;
  withinBudget: boolean | null;
  error: string | null;
}

export async function runAuditBenchmark(): Promise<void> {
  if (!Number.isSafeInteger(ENTRIES) || ENTRIES < 10)
    throw new Error(`PARLEY_BENCH_AUDIT_ENTRIES must be a whole number ≥ 10, not ${ENTRIES}`);
  console.log(
    `load average before: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  await withTempDir('parley-bench-audit-', async (tmp) => {
    const figures: AuditFigure[] = [];
    const { postgres } = await onEachDatabase(
      tmp,
      [(database) => benchOne(database, figures)],
      'skipped; running PGlite only',
    );
    printTable(figures);
    const measured = figures.filter((f) => f.withinBudget !== null);
    const withinBudget = measured.length === 0 ? null : measured.every((f) => f.withinBudget);
    console.log(
      withinBudget === null
        ? `within budget: not known (the budget is for ${BUDGET_ENTRIES.toLocaleString('en')} entries)`
        : `within budget: ${withinBudget ? 'yes' : 'NO'} (≤ ${BUDGET_SECONDS} s for 1,000,000 entries, every database measured)`,
    );
    await writeResult(
      'audit',
      {
        entries: ENTRIES,
        headEvery: INSERT_BATCH,
        pageSize: PAGE_SIZE,
        seed: SEED,
        tamperSeq: TAMPER_SEQ,
        postgres,
        runs: figures,
      },
      {
        budgets: {
          verify: `≤ ${BUDGET_SECONDS} s for ${BUDGET_ENTRIES.toLocaleString('en')} entries`,
        },
        withinBudget,
      },
    );
    const failed = figures.filter((f) => f.error !== null);
    if (failed.length > 0)
      throw new Error(
        `the audit benchmark failed on ${failed.map((f) => `${f.database}: ${f.error}`).join('; ')}`,
      );
  });
}

/**
 * Builds the log in a fresh, migrated database, verifies it, reads it, tampers, verifies again.
 * The figure is pushed before the database closes, and the close is timed through `figures`.
 */
async function benchOne(database: OpenDatabase, figures: AuditFigure[]): Promise<void> {
  const keys = ephemeralDeploymentKeys();
  const audit = createAuditLog({ db: database.db, keys });
  const figure: AuditFigure = {
    database: database.kind,
    build: null,
    verify: null,
    verifyHashedHere: null,
    verifyHashedInDatabase: null,
    readOnly: null,
    tamperedVerify: null,
    closeSeconds: null,
    workers: WORKERS ?? 'default',
    budgetSeconds: BUDGET_SECONDS,
    withinBudget: null,
    error: null,
  };
  figures.push(figure);
  const label = database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
  try {
    const build = await buildLog(database, audit);
    figure.build = build.figures;
    console.log(
      `${label}: built ${ENTRIES.toLocaleString('en')} entries and ${build.figures.heads} signed tree heads in ${build.figures.seconds.toFixed(1)} s (not timed against the budget), table ${build.figures.tableMiB} MiB`,
    );

    const options = WORKERS === undefined ? {} : { workers: WORKERS };
    const verify = await measure(database, () => audit.verify([], options));
    figure.verify = { ...verify, entriesPerSecond: Math.round(ENTRIES / verify.seconds) };
    figure.withinBudget = ENTRIES === BUDGET_ENTRIES ? verify.seconds <= BUDGET_SECONDS : null;
    console.log(
      `${label}: verify ${verify.seconds.toFixed(2)} s, ${figure.verify.entriesPerSecond.toLocaleString('en')} entries/s, CPU ${verify.cpuSeconds} s${verify.databaseCpuSeconds === null ? '' : ` (+ PostgreSQL ${verify.databaseCpuSeconds} s)`}, peak RSS ${verify.peakRssMiB} MiB, load ${verify.loadAverage}: ${JSON.stringify(verify.value)}`,
    );
    const v = verify.value;
    if (
      !v.ok ||
      v.entries !== ENTRIES ||
      v.heads !== build.figures.heads ||
      v.lastHash !== build.lastHash
    )
      throw new Error(`verify of the intact log did not hold as built: ${JSON.stringify(v)}`);

    const here = await measure(database, () => audit.verify([], { ...options, hashIn: 'process' }));
    const there = await measure(database, () =>
      audit.verify([], { ...options, hashIn: 'database' }),
    );
    figure.verifyHashedInDatabase = {
      ...there,
      entriesPerSecond: Math.round(ENTRIES / there.seconds),
    };
    console.log(
      `${label}: verify hashed by the database: ${there.seconds.toFixed(2)} s, CPU ${there.cpuSeconds} s${there.databaseCpuSeconds === null ? '' : ` (+ PostgreSQL ${there.databaseCpuSeconds} s)`}, peak RSS ${there.peakRssMiB} MiB, load ${there.loadAverage}`,
    );
    if (JSON.stringify(there.value) !== JSON.stringify(v))
      throw new Error(`verify hashed by the database disagrees: ${JSON.stringify(there.value)}`);
    figure.verifyHashedHere = { ...here, entriesPerSecond: Math.round(ENTRIES / here.seconds) };
    console.log(
      `${label}: verify hashed here, as before: ${here.seconds.toFixed(2)} s, ${figure.verifyHashedHere.entriesPerSecond.toLocaleString('en')} entries/s, CPU ${here.cpuSeconds} s${here.databaseCpuSeconds === null ? '' : ` (+ PostgreSQL ${here.databaseCpuSeconds} s)`}, peak RSS ${here.peakRssMiB} MiB, load ${here.loadAverage}`,
    );
    if (JSON.stringify(here.value) !== JSON.stringify(v))
      throw new Error(`verify hashed here disagrees: ${JSON.stringify(here.value)}`);

    if (process.env.PARLEY_BENCH_AUDIT_READ_ONLY === '1') {
      figure.readOnly = await measure(database, () => readEveryPage(database.db));
      console.log(
        `${label}: reading every page without hashing: ${figure.readOnly.seconds.toFixed(2)} s, CPU ${figure.readOnly.cpuSeconds} s${figure.readOnly.databaseCpuSeconds === null ? '' : ` (+ PostgreSQL ${figure.readOnly.databaseCpuSeconds} s)`}`,
      );
    }

    // What a thief with the database would do: as the schema's owner (the application's role
    // has no UPDATE on the log), switch the triggers off and edit a row.
    await database.asOwner((owner) =>
      owner.transaction().execute(async (trx) => {
        await sql`alter table audit_entry disable trigger user`.execute(trx);
        const { rows } = await sql`
          update audit_entry set object_ids = (object_ids::jsonb - 0)::json where seq = ${TAMPER_SEQ}
          returning seq`.execute(trx);
        if (rows.length !== 1) throw new Error(`tampering changed ${rows.length} rows`);
        await sql`alter table audit_entry enable trigger user`.execute(trx);
      }),
    );
    const expected = `entry ${TAMPER_SEQ} (${build.tamperTarget.action} by ${build.tamperTarget.actor}) was changed after it was written`;
    const tampered = await measure(database, () => audit.verify([], options));
    const t = tampered.value;
    const namedTheEntry = !t.ok && t.seq === TAMPER_SEQ && t.problem === expected;
    figure.tamperedVerify = { ...tampered, namedTheEntry };
    console.log(
      `${label}: verify after changing entry ${TAMPER_SEQ}: ${tampered.seconds.toFixed(2)} s: ${JSON.stringify(t)}`,
    );
    if (!namedTheEntry)
      throw new Error(`verify after tampering did not name entry ${TAMPER_SEQ} ("${expected}")`);
  } catch (error) {
    figure.error = error instanceof Error ? error.message : String(error);
    console.error(`${label}: AUDIT BENCHMARK FAILED: ${figure.error}`);
  }
  // The helper closes the database after this returns: timed, since PGlite once spun there.
  const close = database.close.bind(database);
  Object.assign(database, {
    close: async () => {
      const closing = performance.now();
      await close();
      figure.closeSeconds = round((performance.now() - closing) / 1000, 2);
      console.log(`${label}: closed the database in ${figure.closeSeconds} s`);
    },
  });
}

/** Reads every page as verify does, and counts the entries. */
async function readEveryPage(db: Database): Promise<number> {
  let count = 0;
  for (let start = 0; start < ENTRIES; start += PAGE_SIZE) {
    count += isEmbedded(db)
      ? copiedRowCount(await copiedPage(db, start + 1, start + PAGE_SIZE))
      : (await canonicalRows(db, start + 1, start + PAGE_SIZE)).length;
  }
  if (count !== ENTRIES) throw new Error(`read ${count} entries, not ${ENTRIES}`);
  return count;
}

const ENTRY_COLUMNS = sql.raw(
  'seq, at, actor, mechanism_id, action, object_ids, reason, request_id, details, prev_hash, hash',
);

/**
 * Generates the log in JavaScript with `sealEntry` (as the service's appender does), inserts it
 * in batches of INSERT_BATCH (one JSON parameter per statement), and has the service sign a
 * tree head after each batch, which checks the batch and proves it consistent with the head
 * before, as the server does.
 */
async function buildLog(database: OpenDatabase, audit: AuditLog) {
  const { db } = database;
  const workload = createWorkload(SEED);
  const started = performance.now();
  let previous: AuditEntry | null = null;
  let tamperTarget: { action: string; actor: string } | null = null;
  for (let first = 1; first <= ENTRIES; first += INSERT_BATCH) {
    const rows: unknown[] = [];
    for (let seq = first; seq < first + INSERT_BATCH && seq <= ENTRIES; seq++) {
      const { event, at } = workload.next();
      const entry: AuditEntry = sealEntry(event, at, previous);
      rows.push({
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        mechanism_id: entry.mechanismId,
        action: entry.action,
        object_ids: entry.objectIds,
        reason: entry.reason,
        request_id: entry.requestId,
        // Keys in canonical order, so that the json column receives the canonical text the app writes.
        details: JSON.parse(canonicalDetails(entry)) as unknown,
        prev_hash: entry.prevHash,
        hash: entry.hash,
      });
      if (entry.seq === TAMPER_SEQ) tamperTarget = { action: entry.action, actor: entry.actor };
      previous = entry;
    }
    await sql`
      insert into audit_entry (${ENTRY_COLUMNS})
      select ${ENTRY_COLUMNS} from json_populate_recordset(null::audit_entry, ${JSON.stringify(rows)}::json)`.execute(
      db,
    );
    await audit.signHead();
  }
  await database.asOwner(async (owner) => {
    await sql`vacuum (analyze) audit_entry`
      .execute(owner)
      .catch(() => sql`analyze audit_entry`.execute(owner));
  });
  const { rows } = await sql<{ heads: number; bytes: number }>`
    select (select count(*) from audit_tree_head)::int as heads,
           pg_total_relation_size('audit_entry')::float8 as bytes`.execute(db);
  if (!previous || !tamperTarget || !rows[0]) throw new Error('the log was not built');
  return {
    figures: {
      seconds: round((performance.now() - started) / 1000, 2),
      entries: ENTRIES,
      heads: rows[0].heads,
      tableMiB: Math.round(mib(rows[0].bytes)),
    },
    lastHash: previous.hash,
    tamperTarget,
  };
}

/** Runs `work` with the process's RSS sampled and the machine's load noted. */
async function measure<T>(database: OpenDatabase, work: () => Promise<T>): Promise<Timed<T>> {
  const rss = sampleRss();
  try {
    const backendsBefore = await backendCpu(database);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const value = await work();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const backendsAfter = await backendCpu(database);
    rss.stop();
    let databaseCpuMs: number | null = null;
    if (backendsBefore && backendsAfter) {
      databaseCpuMs = 0;
      for (const [pid, ms] of backendsAfter) databaseCpuMs += ms - (backendsBefore.get(pid) ?? 0);
    }
    return {
      seconds: round(seconds, 3),
      cpuSeconds: round((used.user + used.system) / 1e6, 2),
      databaseCpuSeconds: databaseCpuMs === null ? null : round(databaseCpuMs / 1000, 2),
      peakRssMiB: Math.round(mib(rss.peak())),
      loadAverage: round(os.loadavg()[0] ?? 0, 2),
      value,
    };
  } finally {
    rss.stop();
  }
}

/**
 * CPU time (ms) of each PostgreSQL backend of the database, from /proc (the server runs on this
 * machine); null on PGlite. A backend that ends in between loses its share: the pool keeps its
 * connections for 10 s idle, longer than between two readings here.
 */
async function backendCpu(database: OpenDatabase): Promise<Map<number, number> | null> {
  if (database.kind !== 'postgres') return null;
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()`.execute(database.db);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, the 14th and 15th fields, in clock ticks (100 a second on Linux).
      cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
    } catch {
      // a backend that ended
    }
  }
  return cpu;
}

function printTable(figures: readonly AuditFigure[]): void {
  const header = [
    'database',
    'build s',
    'verify s',
    'CPU s',
    'PG CPU s',
    'entries/s',
    'peak RSS MiB',
    'as before s',
    'CPU s',
    'PG CPU s',
    'read only s',
    'tampered verify s',
    'close s',
    'load',
    'within budget',
  ];
  const rows = figures.map((f) => [
    f.database,
    f.build ? f.build.seconds.toFixed(1) : 'FAILED',
    f.verify ? f.verify.seconds.toFixed(2) : '-',
    f.verify ? f.verify.cpuSeconds.toFixed(1) : '-',
    f.verify?.databaseCpuSeconds != null ? f.verify.databaseCpuSeconds.toFixed(1) : '-',
    f.verify ? f.verify.entriesPerSecond.toLocaleString('en') : '-',
    f.verify ? String(f.verify.peakRssMiB) : '-',
    f.verifyHashedHere ? f.verifyHashedHere.seconds.toFixed(2) : '-',
    f.verifyHashedHere ? f.verifyHashedHere.cpuSeconds.toFixed(1) : '-',
    f.verifyHashedHere?.databaseCpuSeconds != null
      ? f.verifyHashedHere.databaseCpuSeconds.toFixed(1)
      : '-',
    f.readOnly ? f.readOnly.seconds.toFixed(2) : '-',
    f.tamperedVerify
      ? `${f.tamperedVerify.seconds.toFixed(2)}${f.tamperedVerify.namedTheEntry ? '' : ' (WRONG)'}`
      : '-',
    f.closeSeconds === null ? '-' : f.closeSeconds.toFixed(2),
    f.verify ? String(f.verify.loadAverage) : '-',
    f.withinBudget === null ? 'not measured' : f.withinBudget ? 'yes' : 'NO',
  ]);
  console.log(`\n${formatRows(header, rows, 1)}\n`);
}
