/**
 * The attack run (issue 14): every route of the API called by every role, the admin and nobody,
 * with generated hostile requests (packages/app/src/testing/attack.ts), on PostgreSQL and on
 * PGlite. It counts the route × caller pairs tried, the requests sent, the answers of 5xx, and
 * the leaks: a caller let in (2xx/3xx) where its roles never allow the route.
 */
import fc from 'fast-check';
import {
  buildAttackTarget,
  callerFor,
  isLeak,
  requestsTo,
  sendAttack,
  type AttackTarget,
} from '../packages/app/src/testing/attack.ts';
import type { OpenDatabase } from '../packages/app/src/platform/db/kysely.ts';
import { writeResult } from './machine.ts';
import { formatRows, onEachDatabase, withTempDir } from './support.ts';

/** Requests per route × caller pair in the sweep, and random requests after it. */
const PER_PAIR = 4;
const RANDOM = 3_000;
const SEED = 14;

export interface AttackFigure {
  database: 'postgres' | 'pglite';
  routes: number;
  callers: number;
  pairsTried: number;
  requests: number;
  serverErrors: number;
  leaks: number;
  /** The first few 5xx and leaks, as route, caller and status. */
  examples: string[];
}

async function attack(target: AttackTarget, database: AttackFigure['database']) {
  const figure: AttackFigure = {
    database,
    routes: target.routes.length,
    callers: target.callers.length,
    pairsTried: 0,
    requests: 0,
    serverErrors: 0,
    leaks: 0,
    examples: [],
  };
  const record = async (
    route: AttackTarget['routes'][number],
    callerIndex: number,
    request: Parameters<typeof sendAttack>[3],
  ) => {
    const caller = target.callers[callerIndex]!;
    const status = await sendAttack(target, route, caller, request);
    figure.requests++;
    const isError = status >= 500;
    const leaked = isLeak(route, caller, status);
    if (isError) figure.serverErrors++;
    if (leaked) figure.leaks++;
    if ((isError || leaked) && figure.examples.length < 20)
      figure.examples.push(`${route.method} ${route.url} as ${caller.name}: ${status}`);
  };
  let seed = SEED;
  for (const route of target.routes) {
    const requests = fc.sample(requestsTo(target, route), { numRuns: PER_PAIR, seed: seed++ });
    for (let callerIndex = 0; callerIndex < target.callers.length; callerIndex++) {
      figure.pairsTried++;
      for (const request of requests) await record(route, callerIndex, request);
    }
  }
  const random = fc.sample(
    fc
      .constantFrom(...target.routes)
      .chain((route) =>
        fc.tuple(fc.constant(route), callerFor(target, route), requestsTo(target, route)),
      ),
    { numRuns: RANDOM, seed: seed++ },
  );
  for (const [route, caller, request] of random)
    await record(route, target.callers.indexOf(caller), request);
  return figure;
}

export async function runAttackBenchmark(): Promise<void> {
  const { results } = await withTempDir('parley-attack-', (tmp) =>
    onEachDatabase(
      tmp,
      [
        (database: OpenDatabase) =>
          buildAttackTarget(database.db).then((t) => attack(t, database.kind)),
      ],
      'the attack runs on PGlite only',
    ),
  );
  console.log(
    formatRows(
      ['database', 'routes', 'callers', 'route × caller', 'requests', '5xx', 'leaks'],
      results.map((f) => [
        f.database,
        String(f.routes),
        String(f.callers),
        String(f.pairsTried),
        f.requests.toLocaleString('en'),
        String(f.serverErrors),
        String(f.leaks),
      ]),
      1,
    ),
  );
  for (const figure of results)
    for (const example of figure.examples) console.log(`${figure.database}: ${example}`);
  await writeResult('attack', results);
  if (results.some((f) => f.serverErrors > 0 || f.leaks > 0)) process.exitCode = 1;
}
