/**
 * The API reads benchmark (DESIGN.md, "Performance budgets": list lines read page by page by 100
 * concurrent clients on loopback, PostgreSQL: ≥ 2,000 requests/s, p99 ≤ 50 ms). A fresh
 * PostgreSQL database gets the demo's synthetic held list; the HTTP application listens on
 * 127.0.0.1 as `parley serve` does, and autocannon's 100 connections each ask, as a party
 * officer with an API token, for pages of 50 lines at random offsets. Every request goes the
 * whole way: the token is checked, the page is read under row-level security in a scoped
 * transaction, and the read is written to the audit log with the record ids it returned.
 *
 * The per-address rate limit is off for the run (as `PARLEY_RATE_LIMIT=0` would set it): at its
 * default of 3,000 a minute it would refuse nearly every request of a single client address.
 */
import os from 'node:os';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import autocannon from 'autocannon';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../packages/app/src/app.ts';
import { SYSTEM_ACTOR } from '../packages/app/src/modules/access/index.ts';
import { generateSyntheticLists } from '../packages/app/src/modules/demo/index.ts';
import { LIST_COLUMNS } from '../packages/app/src/modules/registry/index.ts';
import { ephemeralDeploymentKeys } from '../packages/app/src/platform/crypto/deployment-keys.ts';
import type { OpenDatabase } from '../packages/app/src/platform/db/kysely.ts';
import { buildServices } from '../packages/app/src/services.ts';
import { writeResult } from './machine.ts';
import {
  connectPostgres,
  formatRows,
  redact,
  round,
  withPostgresDatabase,
  POSTGRES_URL,
} from './support.ts';

const LINES = 100_000;
const SEED = 7;
const PAGE = 50;
const CONNECTIONS = 100;
const WARM_UP_SECONDS = 3;
const SECONDS = 15;
/** DESIGN.md: ≥ 2,000 requests/s with p99 ≤ 50 ms, on PostgreSQL. */
const BUDGET = { requestsPerSecond: 2_000, p99Ms: 50 };

interface Figure {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function runApiReadsBenchmark(): Promise<void> {
  const postgres = await connectPostgres();
  if (!postgres.admin) {
    console.log(
      `PostgreSQL at ${redact(POSTGRES_URL)} is unreachable (${postgres.reason}): the budget is for PostgreSQL, nothing measured`,
    );
    await writeResult(
      'api-reads',
      { postgres: { reachable: false, reason: postgres.reason } },
      {
        budgets: {
          requestsPerSecond: `≥ ${BUDGET.requestsPerSecond}`,
          p99: `≤ ${BUDGET.p99Ms} ms`,
        },
        withinBudget: null,
      },
    );
    return;
  }
  try {
    const figure = await withPostgresDatabase(postgres.admin, measureReads);
    const loadAverage = round(os.loadavg()[0] ?? 0, 2);
    const withinBudget =
      figure.requestsPerSecond >= BUDGET.requestsPerSecond &&
      figure.latencyMs.p99 <= BUDGET.p99Ms &&
      figure.non2xx === 0 &&
      figure.errors === 0;
    console.log(
      formatRows(
        [
          'requests',
          'requests/s',
          'p50 ms',
          'p90 ms',
          'p99 ms',
          'max ms',
          'non-2xx',
          'errors',
          'within budget',
        ],
        [
          [
            figure.requests.toLocaleString('en'),
            Math.round(figure.requestsPerSecond).toLocaleString('en'),
            String(figure.latencyMs.p50),
            String(figure.latencyMs.p90),
            String(figure.latencyMs.p99),
            String(figure.latencyMs.max),
            String(figure.non2xx),
            String(figure.errors),
            withinBudget ? 'yes' : 'NO',
          ],
        ],
        0,
      ),
    );
    console.log(`load average after: ${loadAverage} (other work on the machine slows the figures)`);
    await writeResult(
      'api-reads',
      {
        lines: LINES,
        pageSize: PAGE,
        connections: CONNECTIONS,
        seconds: SECONDS,
        loadAverageAfter: loadAverage,
        postgres: { reachable: true },
        ...figure,
      },
      {
        budgets: {
          requestsPerSecond: `≥ ${BUDGET.requestsPerSecond}`,
          p99: `≤ ${BUDGET.p99Ms} ms`,
        },
        withinBudget,
      },
    );
  } finally {
    await postgres.admin.end();
  }
}

/** Imports the list, starts the server on loopback, and runs the clients against it. */
async function measureReads(database: OpenDatabase): Promise<Figure> {
  const services = buildServices({ db: database.db, keys: ephemeralDeploymentKeys() });
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
  const grant = { mechanism: mechanism.id, role: 'party_officer' as const, party: 'RU' };
  await services.access.addUser(SYSTEM_ACTOR, { username: 'bench-officer' });
  await services.access.grant(SYSTEM_ACTOR, { username: 'bench-officer', ...grant });
  const { token } = await services.access.createToken(SYSTEM_ACTOR, {
    username: 'bench-officer',
    ...grant,
    name: 'bench',
    days: 1,
  });

  const app = await buildApp({ services, maxUploadBytes: 1024 * 1024, rateLimitPerMinute: 0 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const { port } = app.server.address() as AddressInfo;
    const path = `/api/v1/mechanisms/${mechanism.id}/lists/RU/held/versions/${imported.version.number}/lines`;
    // One request first: the run measures nothing unless a page really comes back.
    const probe = await fetch(`http://127.0.0.1:${port}${path}?limit=${PAGE}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await probe.json()) as { items?: unknown[] };
    if (probe.status !== 200 || body.items?.length !== PAGE)
      throw new Error(`the probe request answered ${probe.status}: ${JSON.stringify(body)}`);
    const randomPages = Array.from({ length: 2_000 }, () => ({
      method: 'GET' as const,
      path: `${path}?limit=${PAGE}&offset=${Math.floor(Math.random() * (LINES - PAGE))}`,
    }));
    const run = (seconds: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        duration: seconds,
        headers: { authorization: `Bearer ${token}` },
        // The clients run in a worker thread of their own, so that making requests does not take
        // the server's thread; each goes through its own list of random pages, so that no page
        // is served from a warm cache only.
        workers: 1,
        requests: randomPages,
      });
    console.log(
      `${LINES.toLocaleString('en')} lines imported; warming up for ${WARM_UP_SECONDS} s, then ${CONNECTIONS} clients for ${SECONDS} s`,
    );
    await run(WARM_UP_SECONDS);
    const result = await run(SECONDS);
    return {
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
    };
  } finally {
    await app.close();
  }
}
