/**
 * The day of the exchange at real scale (issue 16): a stage of 1,000 persons, 500 from each
 * side, taken from approval to every receipt confirmed through the HTTP API, as the small team
 * of a real day would: the mediator approves and signs the manifest, each party's officer signs
 * it, moves its own people off in one request, signs the stage's receipt batch once and confirms
 * the receipts of those it received in one request; the verifier hands everyone over with the
 * real time and place in one request, issues every receipt at once and signs the batch.
 * Targets: under 40 requests per role, under 60 s of server time (the time inside the requests,
 * measured around each in-process request). The setup (lists, paths, a proposed stage) is not timed.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../packages/app/src/app.ts';
import { SYSTEM_ACTOR, type Actor } from '../packages/app/src/modules/access/index.ts';
import { generateSyntheticLists, type ListRecord } from '../packages/app/src/modules/demo/index.ts';
import { signingMessage } from '../packages/app/src/modules/exchanges/index.ts';
import { LIST_COLUMNS } from '../packages/app/src/modules/registry/index.ts';
import { ephemeralDeploymentKeys } from '../packages/app/src/platform/crypto/deployment-keys.ts';
import type { OpenDatabase } from '../packages/app/src/platform/db/kysely.ts';
import { buildServices, type Services } from '../packages/app/src/services.ts';
import { writeResult } from './machine.ts';
import { formatRows, onEachDatabase, round, withTempDir } from './support.ts';

const PER_SIDE = 500;
const TARGET_REQUESTS = 40;
const TARGET_SECONDS = 60;
const ROLES = ['mediator', 'ua', 'ru', 'verifier'] as const;
type Who = (typeof ROLES)[number];

interface Figure {
  database: string;
  persons: number;
  requests: Record<Who, number>;
  serverSeconds: number;
  /** CPU time of this process (the application; PostgreSQL's own is not in it) over the timed part. */
  cpuSeconds: number;
  /** The 1-minute load average when the timed part ended: server time is wall time, and grows with it. */
  loadAverage: number;
  slowest: { request: string; seconds: number };
}

async function oneStage(database: OpenDatabase): Promise<Figure> {
  const services: Services = buildServices({ db: database.db, keys: ephemeralDeploymentKeys() });
  const app: FastifyInstance = await buildApp({
    services,
    maxUploadBytes: 64 * 1024 * 1024,
    trustProxy: false,
  });
  const { id: mechanism } = await services.mechanisms.create(SYSTEM_ACTOR, {
    name: `exchange day ${Date.now()}`,
    parties: ['UA', 'RU'],
    mediators: ['TR'],
  });
  // Every person seriously wounded: all are eligible under the 2 June 2025 agreement.
  for (const [party, seed] of [
    ['UA', 41],
    ['RU', 42],
  ] as const) {
    const held: ListRecord[] = generateSyntheticLists({ seed, size: PER_SIDE + 100 }).held.map(
      (r) => ({ ...r, health_status: 'seriously_wounded' }),
    );
    const csv = stringify([
      [...LIST_COLUMNS],
      ...held.map((r) => LIST_COLUMNS.map((c) => r[c] ?? '')),
    ]);
    await services.registry.importList(SYSTEM_ACTOR, {
      mechanism,
      party,
      kind: 'held',
      acceptInvalid: true,
      file: {
        name: `${party}-held.csv`,
        encoding: 'utf-8',
        maxBytes: 64 * 1024 * 1024,
        content: (async function* () {
          yield Buffer.from(csv);
        })(),
      },
    });
  }
  const actors = new Map<
    Who,
    { actor: Actor; authorization: string; key: { id: string; privateKey: KeyObject } }
  >();
  let serial = 0;
  for (const [who, role, party] of [
    ['mediator', 'mediator', null],
    ['ua', 'party_officer', 'UA'],
    ['ru', 'party_officer', 'RU'],
    ['verifier', 'neutral_verifier', null],
  ] as const) {
    const username = `bench-${who}-${process.pid}-${++serial}`;
    await services.access.addServiceAccount(SYSTEM_ACTOR, { username });
    const grant = { mechanism, role, ...(party ? { party } : {}) };
    await services.access.grant(SYSTEM_ACTOR, { username, ...grant });
    const { token } = await services.access.createToken(SYSTEM_ACTOR, {
      username,
      ...grant,
      name: 'bench',
      days: 1,
    });
    const actor = (await services.access.actorOfToken(token))!;
    const pair = generateKeyPairSync('ed25519');
    const { keyId } = await services.signingKeys.registerKey(actor, {
      mechanism,
      userId: actor.userId!,
      publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    actors.set(who, {
      actor,
      authorization: `Bearer ${token}`,
      key: { id: keyId, privateKey: pair.privateKey },
    });
  }
  const as = (who: Who) => actors.get(who)!;
  const { id: agreement } = await services.agreements.create(as('mediator').actor, mechanism, {
    template: 'istanbul-2025-06-02',
  });
  await services.eligibility.evaluate(as('mediator').actor, { mechanism, agreement });
  await services.exchanges.openPaths(as('mediator').actor, { mechanism, agreement });
  for (const [who, from, to] of [
    ['mediator', 'proposed', 'acknowledged'],
    ['verifier', 'acknowledged', 'identity_verified'],
    ['mediator', 'identity_verified', 'category_confirmed'],
    ['verifier', 'category_confirmed', 'fit_to_travel'],
    ['verifier', 'fit_to_travel', 'wish_verified'],
    ['mediator', 'wish_verified', 'approved'],
  ] as const) {
    const persons = await services.exchanges.persons(as('mediator').actor, {
      mechanism,
      agreement,
      state: from,
    });
    await services.exchanges.move(as(who).actor, {
      mechanism,
      moves: persons.map((p) => ({ personId: p.id, to })),
    });
  }
  const { stageId } = await services.exchanges.proposeStage(as('mediator').actor, {
    mechanism,
    agreement,
    place: 'Belarus–Ukraine border',
    date: '2025-06-09',
    size: PER_SIDE,
  });

  // From here on, only requests, counted per role and timed.
  const requests: Record<Who, number> = { mediator: 0, ua: 0, ru: 0, verifier: 0 };
  let serverMs = 0;
  const cpuAtStart = process.cpuUsage();
  let slowest = { request: '', seconds: 0 };
  const base = `/api/v1/mechanisms/${mechanism}`;
  async function call<T>(
    who: Who,
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
  ): Promise<T> {
    requests[who]++;
    const started = performance.now();
    const response = await app.inject({
      method,
      url: `${base}${url}`,
      headers: { authorization: as(who).authorization },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const ms = performance.now() - started;
    serverMs += ms;
    if (ms / 1000 > slowest.seconds)
      slowest = {
        request: `${who} ${method} ${url.replace(/[0-9a-f-]{36}/g, ':id')}`,
        seconds: round(ms / 1000, 2),
      };
    if (response.statusCode >= 300)
      throw new Error(`${who} ${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json<T>();
  }
  const signAs = async (
    who: Who,
    manifestId: string,
    kind: 'parley-manifest/1' | 'parley-receipt-batch/1',
    role: string,
    party?: string,
  ) => {
    const file = await call<{ hash: string }>(who, 'GET', `/manifests/${manifestId}`);
    await call(who, 'POST', `/manifests/${manifestId}/signatures`, {
      keyId: as(who).key.id,
      signature: sign(null, signingMessage(kind, file.hash), as(who).key.privateKey).toString(
        'base64',
      ),
      role,
      ...(party ? { party } : {}),
    });
  };
  const stagePersons = async (who: Who) =>
    (
      await call<{ persons: Array<{ id: string; party: string; state: string }> }>(
        who,
        'GET',
        `/stages/${stageId}`,
      )
    ).persons;
  const moveAll = async (who: Who, moves: object[]) => {
    const { results } = await call<{ results: Array<{ ok: boolean; problem?: string }> }>(
      who,
      'POST',
      '/moves',
      { moves },
    );
    const refused = results.filter((r) => !r.ok);
    if (refused.length > 0)
      throw new Error(`${who}: ${refused.length} moves refused, first: ${refused[0]?.problem}`);
  };

  const { manifestId } = await call<{ manifestId: string }>(
    'mediator',
    'POST',
    `/stages/${stageId}/approval`,
  );
  await signAs('mediator', manifestId, 'parley-manifest/1', 'mediator');
  for (const [who, party] of [
    ['ua', 'UA'],
    ['ru', 'RU'],
  ] as const) {
    await signAs(who, manifestId, 'parley-manifest/1', 'party_officer', party);
    const mine = (await stagePersons(who)).filter((p) => p.party === party);
    await moveAll(
      who,
      mine.map((p) => ({ personId: p.id, to: 'in_transit' })),
    );
  }
  const everyone = await stagePersons('verifier');
  await moveAll(
    'verifier',
    everyone.map((p) => ({ personId: p.id, to: 'handed_over', at: '2025-06-09T10:30:00+03:00' })),
  );
  await call('verifier', 'POST', `/stages/${stageId}/receipts`);
  const batch = await call<{ batchId: string }>(
    'verifier',
    'POST',
    `/stages/${stageId}/receipt-batch`,
  );
  await signAs('verifier', batch.batchId, 'parley-receipt-batch/1', 'neutral_verifier');
  for (const [who, party] of [
    ['ua', 'UA'],
    ['ru', 'RU'],
  ] as const) {
    await call(who, 'POST', `/stages/${stageId}/receipt-batch`);
    await signAs(who, batch.batchId, 'parley-receipt-batch/1', 'party_officer', party);
    const received = (
      await call<{ items: Array<{ personId: string; receivingParty: string }> }>(
        who,
        'GET',
        `/stages/${stageId}/receipts`,
      )
    ).items.filter((p) => p.receivingParty === party);
    await moveAll(
      who,
      received.map((p) => ({ personId: p.personId, to: 'receipt_confirmed' })),
    );
  }
  const cpu = process.cpuUsage(cpuAtStart);
  const loadAverage = round(os.loadavg()[0]!, 1);
  const confirmed = (await stagePersons('mediator')).filter(
    (p) => p.state === 'receipt_confirmed',
  ).length;
  await app.close();
  if (confirmed !== everyone.length)
    throw new Error(`${confirmed} of ${everyone.length} receipts confirmed`);
  const figure = {
    database: database.kind,
    persons: everyone.length,
    requests,
    serverSeconds: round(serverMs / 1000, 1),
    cpuSeconds: round((cpu.user + cpu.system) / 1e6, 1),
    loadAverage,
    slowest,
  };
  // Printed at once: the PGlite run after it takes as long again.
  console.log(JSON.stringify(figure));
  return figure;
}

export async function runExchangeDayBenchmark(): Promise<void> {
  const figures = await withTempDir(
    'parley-exchange-day-',
    async (tmp) => (await onEachDatabase(tmp, [oneStage], 'the PGlite figure only')).results,
  );
  console.log(
    formatRows(
      [
        'database',
        'persons',
        ...ROLES.map((r) => `requests ${r}`),
        'server s',
        'cpu s',
        'load',
        'slowest request',
      ],
      figures.map((f) => [
        f.database,
        String(f.persons),
        ...ROLES.map((r) => String(f.requests[r])),
        String(f.serverSeconds),
        String(f.cpuSeconds),
        String(f.loadAverage),
        `${f.slowest.request} ${f.slowest.seconds} s`,
      ]),
      1,
    ),
  );
  const withinBudget = figures.every(
    (f) =>
      Math.max(...ROLES.map((r) => f.requests[r])) < TARGET_REQUESTS &&
      f.serverSeconds < TARGET_SECONDS,
  );
  await writeResult(
    'exchange-day',
    { cpus: os.cpus().length, figures },
    {
      budgets: {
        requestsPerRole: `fewer than ${TARGET_REQUESTS} requests for each role`,
        serverSeconds: `under ${TARGET_SECONDS} s of server time from approval to every receipt confirmed`,
      },
      withinBudget,
    },
  );
}
