import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { ephemeralDeploymentKeys } from '../../platform/crypto/deployment-keys.ts';
import { withScope } from '../../platform/db/scope.ts';
import { buildFile, buildMechanism, csvOf } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { buildServices, type Services } from '../../services.ts';
import { SYSTEM_ACTOR, type Role } from '../access/index.ts';
import { createAuditLog } from '../audit/index.ts';
import { createMechanismsService } from '../mechanisms/index.ts';
import { createRegistryService, expiringHealthData } from './index.ts';

const HEADER = ['record_id', 'surname', 'given_name', 'date_of_birth', 'health_status'];
const LINES = 30;
const rows = Array.from({ length: LINES }, (_, i) => [
  `S-${i + 1}`,
  'Бондар',
  'Іван',
  '1990',
  i % 2 === 0 ? 'seriously_wounded' : 'sick',
]);
const PAGE = '?limit=10&offset=10';

// Pages of lines kept in memory as their answers (page-cache.ts): never one reader's page to
// another, never past a revoked grant, every read audited with its records, retention heeded.
describeEachDatabase('pages of lines kept in memory', (db) => {
  const setUp = async () => {
    const services = buildServices({ db: db(), keys: ephemeralDeploymentKeys() });
    const app = await buildApp({ services, maxUploadBytes: 1024 * 1024 });
    const mechanism = await buildMechanism(db());
    const imported = await services.registry.importList(SYSTEM_ACTOR, {
      mechanism: mechanism.id,
      party: 'UA',
      kind: 'sought',
      acceptInvalid: false,
      file: buildFile('sought.csv', csvOf([HEADER, ...rows])),
    });
    const url = `/api/v1/mechanisms/${mechanism.id}/lists/UA/sought/versions/1/lines${PAGE}`;
    const read = async (authorization: string) => {
      const answer = await app.inject({ method: 'GET', url, headers: { authorization } });
      return {
        status: answer.statusCode,
        type: answer.headers['content-type'],
        items: answer.statusCode === 200 ? answer.json<{ items: Item[] }>().items : [],
      };
    };
    return { services, app, mechanism, versionId: imported.version.id, read };
  };

  /** Reads until the reader's page is kept (the first read of a version asks its fingerprint first). */
  const readUntilKept = async (
    services: Services,
    read: (authorization: string) => Promise<unknown>,
    authorization: string,
  ) => {
    const before = services.registry.keptPages().entries;
    for (let tries = 0; tries < 10; tries++) {
      await read(authorization);
      if (services.registry.keptPages().entries > before) return;
    }
    throw new Error('the page was never kept');
  };

  it('gives a medical officer and an officer of the same party each their own page', async () => {
    const { services, app, mechanism, read } = await setUp();
    const officer = await tokenOf(services, mechanism.id, 'party_officer');
    const medical = await tokenOf(services, mechanism.id, 'party_medical_officer');
    await readUntilKept(services, read, officer.authorization);
    await readUntilKept(services, read, medical.authorization);
    expect(services.registry.keptPages().entries).toBe(2);
    // Each served from memory now, in either order.
    for (const reader of [officer, medical, officer, medical]) {
      const page = await read(reader.authorization);
      expect(page.status).toBe(200);
      expect(page.type).toBe('application/json; charset=utf-8');
      expect(page.items.map((item) => item.recordId)).toEqual(
        rows.slice(10, 20).map((row) => row[0]),
      );
      expect(page.items.map((item) => item.healthStatus)).toEqual(
        reader === medical ? rows.slice(10, 20).map((row) => row[4]) : Array(10).fill(null),
      );
    }
    await app.close();
  });

  it('stops a reader whose grant is revoked, though the page is kept', async () => {
    const { services, app, mechanism, read } = await setUp();
    const officer = await tokenOf(services, mechanism.id, 'party_officer');
    await readUntilKept(services, read, officer.authorization);
    expect((await read(officer.authorization)).status).toBe(200);
    await services.access.revokeGrant(SYSTEM_ACTOR, {
      username: officer.username,
      mechanism: mechanism.id,
      role: 'party_officer',
      party: 'UA',
    });
    // Revoked in this process: at once (another instance heeds it within a second, token-memory.ts).
    expect((await read(officer.authorization)).status).toBe(401);
    await app.close();
  });

  it('writes every read to the audit log, naming its records, when the page comes from memory', async () => {
    const { services, app, mechanism, versionId, read } = await setUp();
    const officer = await tokenOf(services, mechanism.id, 'party_officer');
    await readUntilKept(services, read, officer.authorization);
    const before = await readEntries(mechanism.id);
    for (let i = 0; i < 3; i++) expect((await read(officer.authorization)).status).toBe(200);
    const entries = (await readEntries(mechanism.id)).slice(before.length);
    expect(entries).toHaveLength(3);
    for (const entry of entries)
      expect(entry).toEqual(rows.slice(10, 20).map((row) => `${versionId}/${row[0]}`));
    expect((await services.audit.verify()).ok).toBe(true);
    await app.close();
  });

  it('answers and audits each of many readers of one page at once, who share one read', async () => {
    const { services, app, mechanism, versionId, read } = await setUp();
    const officer = await tokenOf(services, mechanism.id, 'party_officer');
    const before = await readEntries(mechanism.id);
    const pages = await Promise.all(Array.from({ length: 8 }, () => read(officer.authorization)));
    const ids = rows.slice(10, 20).map((row) => row[0]);
    for (const page of pages) expect(page.items.map((item) => item.recordId)).toEqual(ids);
    const entries = (await readEntries(mechanism.id)).slice(before.length);
    expect(entries).toEqual(Array(8).fill(ids.map((id) => `${versionId}/${id}`)));
    await app.close();
  });

  it('no longer serves health data that retention deleted here', async () => {
    const { services, app, mechanism, read } = await setUp();
    const medical = await tokenOf(services, mechanism.id, 'party_medical_officer');
    await readUntilKept(services, read, medical.authorization);
    expect((await read(medical.authorization)).items[0]?.healthStatus).toBe(rows[10]?.[4]);
    const later = buildServices({
      db: db(),
      keys: ephemeralDeploymentKeys(),
      clock: () => new Date(Date.now() + 20 * 365 * 86_400_000),
    });
    await later.retention.setPolicy(SYSTEM_ACTOR, 'health', 30);
    const [health] = await later.retention.run(SYSTEM_ACTOR, { apply: true });
    expect(health).toMatchObject({
      category: 'health',
      deletedRows: expect.any(Number) as unknown,
    });
    expect((await read(medical.authorization)).items.map((item) => item.healthStatus)).toEqual(
      Array(10).fill(null),
    );
    await app.close();
  });

  it('no longer serves health data that another instance deleted once the version is no longer trusted', async () => {
    const mechanism = await buildMechanism(db());
    let now = 1_000_000;
    const audit = createAuditLog({ db: db(), keys: ephemeralDeploymentKeys() });
    const registry = createRegistryService({
      db: db(),
      audit,
      mechanisms: createMechanismsService({ db: db(), audit }),
      pageCache: { maxBytes: 1024 * 1024, trustedMs: 5_000, now: () => now },
    });
    const { version } = await registry.importList(SYSTEM_ACTOR, {
      mechanism: mechanism.id,
      party: 'UA',
      kind: 'sought',
      acceptInvalid: false,
      file: buildFile('sought.csv', csvOf([HEADER, ...rows])),
    });
    const medical = {
      id: 'user:medical',
      userId: null,
      isSystem: false,
      isAdmin: false,
      grants: [{ mechanismId: mechanism.id, role: 'party_medical_officer' as const, party: 'UA' }],
    };
    const healthOf = async () => {
      const body = await registry.linesAnswer(
        medical,
        { mechanism: mechanism.id, party: 'UA', kind: 'sought', version: 1 },
        { offset: 0, limit: 5 },
        (page) => Buffer.from(JSON.stringify(page.lines.map((line) => line.healthStatus))),
      );
      return JSON.parse(body.toString()) as (string | null)[];
    };
    for (let tries = 0; tries < 10 && registry.keptPages().entries === 0; tries++) await healthOf();
    expect(registry.keptPages().entries).toBe(1);
    await withScope(db(), { system: 'on' }, (trx) =>
      expiringHealthData.deleteExpired(trx, [version.id]),
    );
    now += 5_001;
    expect(await healthOf()).toEqual(Array(5).fill(null));
  });

  const readEntries = async (mechanismId: string) => {
    const { rows: entries } = await sql<{ object_ids: unknown }>`
      select object_ids from audit_entry
      where action = 'list.read' and mechanism_id = ${mechanismId} order by seq`.execute(db());
    return entries.map((entry) =>
      typeof entry.object_ids === 'string'
        ? (JSON.parse(entry.object_ids) as string[])
        : (entry.object_ids as string[]),
    );
  };
});

interface Item {
  recordId: string;
  healthStatus: string | null;
}

let accounts = 0;

/** A service account holding one role for UA, and its token's Authorization header. */
async function tokenOf(services: Services, mechanism: string, role: Role) {
  const username = `page-reader-${process.pid}-${++accounts}`;
  const grant = { mechanism, role, party: 'UA' };
  await services.access.addServiceAccount(SYSTEM_ACTOR, { username });
  await services.access.grant(SYSTEM_ACTOR, { username, ...grant });
  const { token } = await services.access.createToken(SYSTEM_ACTOR, {
    username,
    ...grant,
    name: 'test',
    days: 1,
  });
  return { authorization: `Bearer ${token}`, username };
}
