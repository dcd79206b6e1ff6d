/**
 * The API reads benchmark (issue 17; DESIGN.md, "Performance budgets"). A fresh PostgreSQL
 * database gets the demo's synthetic held list of 100,000 lines, an agreement under which every
 * line is eligible and all 100,000 persons on their path, and a party officer's API token. The
 * server runs in a process of its own (api-reads.server.ts), as `parley serve` builds it, with
 * the rate limit off; autocannon's 100 connections then drive three cases in turn: pages of 100
 * lines at random pages, a name search across scripts, and the mechanism's overview
 * (dashboard). Every line read goes the whole way: the token is checked, the page is read under
 * row-level security, and the read is written to the audit log naming every record it returned.
 * Afterwards the audit log must verify and hold one entry for every read answered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../packages/app/src/modules/access/index.ts';
import { AGREEMENT_TEMPLATES } from '../packages/app/src/modules/agreements/index.ts';
import { generateSyntheticLists } from '../packages/app/src/modules/demo/index.ts';
import { LIST_COLUMNS } from '../packages/app/src/modules/registry/index.ts';
import { loadDeploymentKeys } from '../packages/app/src/platform/crypto/deployment-keys.ts';
import type { OpenDatabase } from '../packages/app/src/platform/db/kysely.ts';
import { buildServices, type Services } from '../packages/app/src/services.ts';
import { writeResult } from './machine.ts';
import { searchesOf } from './api-reads.searches.ts';
import {
  connectPostgres,
  formatRows,
  mib,
  redact,
  round,
  withPostgresDatabase,
  withTempDir,
  POSTGRES_URL,
} from './support.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SERVER = path.join(HERE, 'api-reads.server.ts');
/** autocannon's setupRequest for the searches: a different search for every request. */
const SEARCH_REQUEST = path.join(HERE, 'api-reads.search-request.cjs');
const LINES = 100_000;
const SEED = 7;
const PAGE = 100;
/** 100 by default, as the budgets are; PARLEY_BENCH_CONNECTIONS=10 to see a case that times out at 100. */
const CONNECTIONS = Number(process.env.PARLEY_BENCH_CONNECTIONS ?? 100);
const WARM_UP_SECONDS = 3;
/** Different searches made from the list's names: more than 100 clients send in a run. */
const SEARCHES = 30_000;
/** 15 s a case by default; PARLEY_BENCH_SECONDS=60 for the issue's "RSS flat over 60 s". */
const SECONDS = Number(process.env.PARLEY_BENCH_SECONDS ?? 15);
/**
 * PARLEY_BENCH_CASES=lines,search runs only those cases. A case named `<case>-uncached` runs
 * against a server that keeps no page in memory (PARLEY_PAGE_CACHE_MIB=0): the before of the
 * same run. Each case gets a server of its own.
 */
const CASE_NAMES = (
  process.env.PARLEY_BENCH_CASES ?? 'lines-uncached,lines,dashboard,search-uncached,search'
).split(',');
const baseCase = (name: string) => name.replace(/-uncached$/, '');

/** A request of a case; `setupRequest`, a file autocannon's worker loads, makes each one anew. */
interface CaseRequest {
  method: 'GET';
  path: string;
  setupRequest?: string;
}

// Searches sent so far in this run, so that the next run of a search case sends new ones.
let searchesSent = 0;

interface Budget {
  requestsPerSecond: number | null;
  p99Ms: number;
}
/** Issue 17 and DESIGN.md. */
const BUDGETS: Record<string, Budget> = {
  lines: { requestsPerSecond: 2_000, p99Ms: 50 },
  search: { requestsPerSecond: 500, p99Ms: 200 },
  dashboard: { requestsPerSecond: null, p99Ms: 200 },
};

interface CaseFigure {
  case: string;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  /**
   * CPU time a request answered, in ms: the server process's, and PostgreSQL's backends' for the
   * database. Other work on the machine lengthens waits, far less the CPU a request costs.
   */
  cpuMsPerRequest: { server: number; postgres: number };
  loadAverageBefore: number;
  loadAverageAfter: number;
  withinBudget: boolean;
}

interface AuditCheck {
  verified: boolean;
  verdict: string;
  readsAnswered: number;
  readEntries: number;
  answeredWithEntry: number;
  pageEntriesNotNamingEveryLine: number;
}

export async function runApiReadsBenchmark(): Promise<void> {
  const budgets = Object.fromEntries(
    Object.entries(BUDGETS).map(([name, b]) => [
      name,
      `${b.requestsPerSecond === null ? '' : `≥ ${b.requestsPerSecond} requests/s, `}p99 ≤ ${b.p99Ms} ms`,
    ]),
  );
  const postgres = await connectPostgres();
  if (!postgres.admin) {
    console.log(
      `PostgreSQL at ${redact(POSTGRES_URL)} is unreachable (${postgres.reason}): the budget is for PostgreSQL, nothing measured`,
    );
    await writeResult(
      'api-reads',
      { postgres: { reachable: false, reason: postgres.reason } },
      { budgets, withinBudget: null },
    );
    return;
  }
  try {
    const { cases, audit } = await withPostgresDatabase(postgres.admin, measureReads);
    console.log(
      formatRows(
        [
          'case',
          'requests',
          'req/s',
          'p50 ms',
          'p90 ms',
          'p99 ms',
          'max ms',
          'non-2xx',
          'errors',
          'RSS MiB',
          'CPU ms/req (server + PG)',
          'load avg',
          'within budget',
        ],
        cases.map((c) => [
          c.case,
          c.requests.toLocaleString('en'),
          Math.round(c.requestsPerSecond).toLocaleString('en'),
          String(c.latencyMs.p50),
          String(c.latencyMs.p90),
          String(c.latencyMs.p99),
          String(c.latencyMs.max),
          String(c.non2xx),
          String(c.errors),
          `${c.rssBeforeMiB} → ${c.rssAfterMiB}`,
          `${c.cpuMsPerRequest.server} + ${c.cpuMsPerRequest.postgres}`,
          `${c.loadAverageBefore} → ${c.loadAverageAfter}`,
          c.withinBudget ? 'yes' : 'NO',
        ]),
        1,
      ),
    );
    console.log(
      `${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (other work slows the figures)`,
    );
    console.log(
      `audit log: ${audit.verdict}; ${audit.readEntries.toLocaleString('en')} list.read entries; ` +
        `${audit.answeredWithEntry.toLocaleString('en')} of the ${audit.readsAnswered.toLocaleString('en')} reads answered have theirs; ` +
        `${audit.pageEntriesNotNamingEveryLine} page entries not naming all ${PAGE} lines`,
    );
    const auditHolds =
      audit.verified &&
      audit.answeredWithEntry === audit.readsAnswered &&
      audit.pageEntriesNotNamingEveryLine === 0;
    await writeResult(
      'api-reads',
      {
        lines: LINES,
        pageSize: PAGE,
        connections: CONNECTIONS,
        secondsPerCase: SECONDS,
        cores: os.cpus().length,
        loadAverageEnd: os.loadavg().map((l) => round(l, 2)),
        postgres: { reachable: true },
        cases,
        audit,
      },
      // The cases without the page cache are the same run's before: shown, not judged.
      {
        budgets,
        withinBudget:
          auditHolds &&
          cases.filter((c) => !c.case.endsWith('-uncached')).every((c) => c.withinBudget),
      },
    );
    if (!auditHolds) throw new Error('the audit log does not verify or does not hold every read');
  } finally {
    await postgres.admin.end();
  }
}

/** Fills the database, starts the server, runs each case against it, then checks the audit log. */
async function measureReads(database: OpenDatabase, url: string) {
  return withTempDir('parley-api-reads-', (tmp) => measureIn(database, url, tmp));
}

async function measureIn(database: OpenDatabase, url: string, tmp: string) {
  // The servers and this process sign and check the log's heads with the same deployment key.
  const keysDir = path.join(tmp, 'keys');
  const services = buildServices({ db: database.db, keys: await loadDeploymentKeys(keysDir) });
  const setup = await fillDatabase(services);
  const lines = `/api/v1/mechanisms/${setup.mechanismId}/lists/RU/held/versions/${setup.versionNumber}/lines`;
  const headers = { authorization: `Bearer ${setup.token}` };
  const pages = Math.floor(LINES / PAGE);
  // As the web's lines page asks: without the version's import warnings, the same on every page.
  const pagePath = `${lines}?versionWarnings=false&limit=${PAGE}`;
  const searchPath = (search: string) => `${pagePath}&search=${encodeURIComponent(search)}`;
  const searchFile = path.join(tmp, 'searches.json');
  await fsp.writeFile(searchFile, JSON.stringify(setup.searches.map(searchPath)));
  process.env.PARLEY_BENCH_SEARCH_FILE = searchFile;
  const cases: Record<string, CaseRequest[]> = {
    lines: Array.from({ length: 2_000 }, () => ({
      method: 'GET',
      path: `${pagePath}&offset=${Math.floor(Math.random() * pages) * PAGE}`,
    })),
    // A different search for every request: api-reads.search-request.cjs walks the list.
    search: [{ method: 'GET', path: searchPath(setup.searches[0]!), setupRequest: SEARCH_REQUEST }],
    dashboard: [{ method: 'GET', path: `/api/v1/mechanisms/${setup.mechanismId}/dashboard` }],
  };
  const answered: string[] = [];
  const figures: CaseFigure[] = [];
  for (const name of CASE_NAMES) {
    const requests = cases[baseCase(name)];
    const budget = BUDGETS[baseCase(name)];
    if (!requests || !budget) throw new Error(`unknown case ${name}`);
    const answeredFile = path.join(tmp, `answered-${figures.length}.json`);
    const server = await startServer({
      PARLEY_BENCH_DATABASE_URL: url,
      PARLEY_BENCH_KEYS_DIR: keysDir,
      PARLEY_BENCH_ANSWERED_FILE: answeredFile,
      ...(name.endsWith('-uncached') ? { PARLEY_PAGE_CACHE_MIB: '0' } : {}),
    });
    try {
      await probe(server, setup.mechanismId, headers);
      figures.push(await measureCase(database, server, name, requests, budget, lines, headers));
      await stopServer(server);
      // One by one: a minute's run answers more reads than a spread's arguments may hold.
      for (const id of JSON.parse(await fsp.readFile(answeredFile, 'utf8')) as string[])
        answered.push(id);
    } finally {
      await stopServer(server);
    }
  }
  const audit = await checkAudit(services, database, setup.tokenActor, answered);
  return { cases: figures, audit };
}

/** The run measures nothing unless a page and the overview really come back. */
async function probe(server: Server, mechanismId: string, headers: Record<string, string>) {
  const base = `http://127.0.0.1:${server.port}/api/v1/mechanisms/${mechanismId}`;
  const page = await fetch(`${base}/lists/RU/held/versions/1/lines?limit=${PAGE}`, { headers });
  const body = (await page.json()) as { items?: unknown[] };
  if (page.status !== 200 || body.items?.length !== PAGE)
    throw new Error(`the probe request answered ${page.status}: ${JSON.stringify(body)}`);
  const overview = await fetch(`${base}/dashboard`, { headers });
  if (overview.status !== 200)
    throw new Error(`the overview answered ${overview.status}: ${await overview.text()}`);
}

/** One case: warm-up, then the timed run with the server's and PostgreSQL's CPU and memory. */
async function measureCase(
  database: OpenDatabase,
  server: Server,
  name: string,
  requests: CaseRequest[],
  budget: Budget,
  lines: string,
  headers: Record<string, string>,
): Promise<CaseFigure> {
  const run = async (seconds: number) => {
    // The worker thread takes the environment as it is now: the searches go on where the last
    // run left them.
    process.env.PARLEY_BENCH_SEARCH_START = String(searchesSent);
    const result = await autocannon({
      url: `http://127.0.0.1:${server.port}`,
      connections: CONNECTIONS,
      duration: seconds,
      headers,
      // The clients run in a worker thread of their own, so that making requests does not take
      // the bench's thread. Each goes through the list of requests from its start, in step with
      // the others; a request with a setupRequest (a file, in a worker) is made anew each time.
      workers: 1,
      requests,
    });
    if (requests.some((request) => request.setupRequest)) searchesSent += result.requests.sent;
    return result;
  };
  // Requests a client gave up on (a timeout) are still served: a case is timed once the server
  // has caught up with its warm-up, or it would measure that backlog.
  console.log(
    `${name}: warming up for ${WARM_UP_SECONDS} s, then ${CONNECTIONS} clients for ${SECONDS} s`,
  );
  await run(WARM_UP_SECONDS);
  const drained = await drain(`http://127.0.0.1:${server.port}${lines}?limit=${PAGE}`, headers);
  if (drained > 1) console.log(`${name}: the server caught up with its warm-up after ${drained} s`);
  const rssBefore = rssOf(server.child.pid!);
  const loadBefore = os.loadavg()[0] ?? 0;
  const cpuBefore = await cpuOf(database, server.child.pid!);
  const result = await run(SECONDS);
  const cpuAfter = await cpuOf(database, server.child.pid!);
  const rssAfter = rssOf(server.child.pid!);
  const figure = {
    case: name,
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.total / SECONDS, 0),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rssBeforeMiB: round(mib(rssBefore), 0),
    rssAfterMiB: round(mib(rssAfter), 0),
    cpuMsPerRequest: {
      server: round((cpuAfter.server - cpuBefore.server) / Math.max(1, result.requests.total), 2),
      postgres: round(
        [...cpuAfter.backends].reduce(
          (sum, [pid, ms]) => sum + ms - (cpuBefore.backends.get(pid) ?? 0),
          0,
        ) / Math.max(1, result.requests.total),
        2,
      ),
    },
    loadAverageBefore: round(loadBefore, 2),
    loadAverageAfter: round(os.loadavg()[0] ?? 0, 2),
  };
  return {
    ...figure,
    withinBudget:
      (budget.requestsPerSecond === null || figure.requestsPerSecond >= budget.requestsPerSecond) &&
      figure.latencyMs.p99 <= budget.p99Ms &&
      figure.non2xx === 0 &&
      figure.errors === 0,
  };
}

/**
 * The list (imported as a party's file is), an agreement whose one category takes every line,
 * every person on the path, and the token of the holding side's officer.
 */
async function fillDatabase(services: Services) {
  const started = performance.now();
  const mechanism = await services.mechanisms.create(SYSTEM_ACTOR, {
    name: 'bench',
    parties: ['UA', 'RU'],
    mediators: ['TR'],
  });
  const { held } = generateSyntheticLists({ seed: SEED, size: LINES });
  const csv = Buffer.from(
    stringify(
      held.map((line) => LIST_COLUMNS.map((column) => line[column] ?? '')),
      { header: true, columns: [...LIST_COLUMNS] },
    ),
  );
  const imported = await services.registry.importList(SYSTEM_ACTOR, {
    mechanism: mechanism.id,
    party: 'RU',
    kind: 'held',
    acceptInvalid: true,
    file: {
      name: 'held.csv',
      encoding: 'utf-8',
      maxBytes: csv.length,
      content: Readable.from([csv]),
    },
  });
  // The persons on the path are the overview's: left out when only the other cases run.
  const opened = CASE_NAMES.map(baseCase).includes('dashboard')
    ? await openEveryPath(services, mechanism.id)
    : null;
  const grant = { mechanism: mechanism.id, role: 'party_officer' as const, party: 'RU' };
  await services.access.addServiceAccount(SYSTEM_ACTOR, { username: 'bench-officer' });
  await services.access.grant(SYSTEM_ACTOR, { username: 'bench-officer', ...grant });
  const { id: tokenId, token } = await services.access.createToken(SYSTEM_ACTOR, {
    username: 'bench-officer',
    ...grant,
    name: 'bench',
    days: 1,
  });
  console.log(
    `${LINES.toLocaleString('en')} lines imported, ${JSON.stringify(opened)} on the path, in ${round((performance.now() - started) / 1000, 1)} s (not timed)`,
  );
  const searches = searchesOf(held, SEARCHES, SEED);
  return {
    mechanismId: mechanism.id,
    versionNumber: imported.version.number,
    token,
    tokenActor: `token:${tokenId}`,
    searches,
  };
}

/** An agreement whose one category takes every line, evaluated, and every person on the path. */
async function openEveryPath(services: Services, mechanismId: string) {
  const template = AGREEMENT_TEMPLATES.find((t) => t.id === 'istanbul-2025-05-16');
  if (!template) throw new Error('the 16 May 2025 template is gone');
  const agreement = await services.agreements.create(SYSTEM_ACTOR, mechanismId, {
    definition: {
      ...template.definition,
      categories: [{ id: 'everyone', name: 'Everyone', clause: 'the benchmark', rule: 'true' }],
    },
  });
  await services.eligibility.evaluate(SYSTEM_ACTOR, {
    mechanism: mechanismId,
    agreement: agreement.id,
  });
  return services.exchanges.openPaths(SYSTEM_ACTOR, {
    mechanism: mechanismId,
    agreement: agreement.id,
  });
}

/**
 * The log verifies; every read of lines the server answered (by its request id) has its entry,
 * and every entry of a page names all its lines. Reads whose answer a client gave up on are in
 * the log too: the server read them.
 */
async function checkAudit(
  services: Services,
  database: OpenDatabase,
  actor: string,
  answered: readonly string[],
): Promise<AuditCheck> {
  const verdict = await services.audit.verify();
  const { rows } = await sql<{ entries: string; short: string; found: string }>`
    select count(*) as entries,
      count(*) filter (where details->>'search' is null
        and json_array_length(object_ids) <> ${PAGE}) as short,
      count(distinct request_id) filter (where request_id = any(${answered})) as found
    from audit_entry where action = 'list.read' and actor = ${actor}`.execute(database.db);
  return {
    verified: verdict.ok,
    verdict: verdict.ok
      ? `verifies (${verdict.entries.toLocaleString('en')} entries)`
      : `DOES NOT VERIFY: ${JSON.stringify(verdict).slice(0, 300)}`,
    readsAnswered: answered.length,
    readEntries: Number(rows[0]?.entries ?? 0),
    answeredWithEntry: Number(rows[0]?.found ?? 0),
    pageEntriesNotNamingEveryLine: Number(rows[0]?.short ?? 0),
  };
}

/** Seconds until one small read answers within a second (at most 300 s). */
async function drain(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  for (;;) {
    const before = performance.now();
    await (await fetch(url, { headers })).arrayBuffer();
    const waited = (performance.now() - started) / 1000;
    if (performance.now() - before < 1_000 || waited > 300) return round(waited, 1);
  }
}

interface Server {
  child: ChildProcess;
  port: number;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const profile = process.env.PARLEY_BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', path.resolve('bench/results/profiles')]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { child, ...(JSON.parse(line) as { port: number }) };
}

/** Stops the server once all its answers are sent. */
async function stopServer({ child }: Server): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** CPU time (user + system, ms) of the server and of each PostgreSQL backend of the database. */
async function cpuOf(
  database: OpenDatabase,
  serverPid: number,
): Promise<{ server: number; backends: Map<number, number> }> {
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()`.execute(database.db);
  const backends = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = cpuMsOf(pid);
    if (ms !== null) backends.set(pid, ms);
  }
  return { server: cpuMsOf(serverPid) ?? 0, backends };
}

function cpuMsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, the 14th and 15th fields, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null; // a backend that ended
  }
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}
