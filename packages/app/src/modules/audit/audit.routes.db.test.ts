import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildMechanism } from '../../testing/factories.ts';
import { adminSession, buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { cliActor, SYSTEM_ACTOR } from '../access/index.ts';
import type { Mechanism } from '../mechanisms/index.ts';
import { verifyConsistency, verifyInclusion, leafHash } from './domain/merkle-tree.ts';
import { headSignatureChecker, type TreeHead } from './domain/tree-head.ts';
import { auditEvent } from './index.ts';

const hex = (values: readonly string[]) => values.map((h) => Buffer.from(h, 'hex'));

describeEachDatabase('the audit log over HTTP', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let observer: Record<string, string>;
  let admin: Record<string, string>;
  let mechanism: Mechanism;
  const get = async <T>(url: string, headers: Record<string, string>) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
    return { status: response.statusCode, body: response.json<T>() };
  };
  const record = async (count: number) => {
    for (let i = 0; i < count; i++)
      await services.audit.record(
        null,
        auditEvent(cliActor('alice'), 'test.event', { mechanismId: null, objectIds: [`o-${i}`] }),
      );
  };

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = await buildMechanism(db(), { name: 'UA–RU, Istanbul 2025' });
    observer = await tokenFor(services, { mechanism: mechanism.id, role: 'observer' });
    admin = await adminSession(app, services);
  });

  it('gives anyone signed in the newest head, the keys, and a consistency proof a witness can check', async () => {
    await record(3);
    const first = (await services.audit.signHead())!;
    await record(300);
    const posted = await app.inject({ method: 'POST', url: '/api/v1/audit/heads', headers: admin });
    expect(posted.statusCode).toBe(200);
    const { head } = (await get<{ head: TreeHead }>('/audit/head', observer)).body;
    expect(head.treeSize).toBeGreaterThan(first.treeSize);
    expect(head.previous).not.toBeNull();
    const keys = (
      await get<{ items: Array<{ keyId: string; pem: string }> }>('/audit/keys', observer)
    ).body.items;
    expect(headSignatureChecker(keys)(head)).toBe(true);

    const proof = await get<{ path: string[]; toHead: TreeHead; fromHead: TreeHead | null }>(
      `/audit/proofs/consistency?from=${first.treeSize}&to=${head.treeSize}`,
      observer,
    );
    expect(proof.status).toBe(200);
    expect(proof.body.fromHead).toEqual(first);
    const holds = verifyConsistency(
      first.treeSize,
      head.treeSize,
      Buffer.from(first.rootHash, 'hex'),
      Buffer.from(head.rootHash, 'hex'),
      hex(proof.body.path),
    );
    expect(holds).toBe(true);
  });

  it('proves an entry included for admins only, and refuses sizes it has no head for', async () => {
    const { head } = (await get<{ head: TreeHead }>('/audit/head', admin)).body;
    const denied = await get<{ error: { code: string } }>(
      '/audit/proofs/inclusion?seq=2',
      observer,
    );
    expect(denied).toMatchObject({ status: 403, body: { error: { code: 'ACCESS.FORBIDDEN' } } });
    const proof = await get<{
      entryHash: string;
      leafIndex: number;
      path: string[];
      head: TreeHead;
    }>('/audit/proofs/inclusion?seq=2', admin);
    expect(proof.status).toBe(200);
    expect(proof.body.head).toEqual(head);
    const included = verifyInclusion(
      1,
      head.treeSize,
      leafHash(proof.body.entryHash),
      hex(proof.body.path),
      Buffer.from(head.rootHash, 'hex'),
    );
    expect(included).toBe(true);
    const missing = await get<{ error: { code: string; message: string } }>(
      `/audit/proofs/inclusion?seq=1&size=${head.treeSize - 1}`,
      admin,
    );
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'AUDIT.NO_SUCH_HEAD' } } });
    const tooFar = await get<{ error: { message: string } }>(
      `/audit/proofs/consistency?from=${head.treeSize + 1}`,
      observer,
    );
    expect(tooFar.status).toBe(404);
    expect(tooFar.body.error.message).toContain(`the earlier size must be 1 to ${head.treeSize}`);
  });

  it('lists entries newest first on request, a page before another, and finds an action by a part of its name', async () => {
    for (const action of [
      'exchange.manifest.sign',
      'exchange.manifest.freeze',
      'Exchange.Manifest.Sign',
    ])
      await services.audit.record(
        null,
        auditEvent(cliActor('alice'), action, { mechanismId: null, objectIds: [] }),
      );
    type Page = { items: Array<{ seq: number; action: string }> };
    const found = (await get<Page>('/audit/entries?action=MANIFEST.sign&order=newest', admin)).body
      .items;
    expect(found.map((e) => e.action)).toEqual([
      'Exchange.Manifest.Sign',
      'exchange.manifest.sign',
    ]);
    expect(found[0]!.seq).toBeGreaterThan(found[1]!.seq);
    const newest = (await get<Page>('/audit/entries?order=newest&limit=2', admin)).body.items;
    expect(newest.map((e) => e.action)).toEqual([
      'Exchange.Manifest.Sign',
      'exchange.manifest.freeze',
    ]);
    const older = (
      await get<Page>(`/audit/entries?order=newest&limit=1&beforeSeq=${newest[1]!.seq}`, admin)
    ).body.items;
    expect(older.map((e) => e.action)).toEqual(['exchange.manifest.sign']);
    // Oldest first stays the default, for the tools that read the log from its start.
    const first = (await get<Page>('/audit/entries?limit=1', admin)).body.items;
    expect(first[0]!.seq).toBe(1);
  });

  it('names the person who acted and the mechanism, beside the ids the log holds', async () => {
    await services.access.addUser(SYSTEM_ACTOR, {
      username: 'olena.koval',
      displayName: 'Олена Коваль',
    });
    await services.audit.record(
      null,
      auditEvent({ ...SYSTEM_ACTOR, id: 'user:olena.koval' }, 'test.named', {
        mechanismId: mechanism.id,
        objectIds: [mechanism.id],
      }),
    );
    type Page = {
      items: Array<{
        actor: string;
        actorName: string | null;
        mechanismId: string | null;
        mechanismName: string | null;
      }>;
    };
    const [entry] = (await get<Page>('/audit/entries?action=test.named', admin)).body.items;
    expect(entry).toMatchObject({
      actor: 'user:olena.koval',
      actorName: 'Олена Коваль',
      mechanismId: mechanism.id,
      mechanismName: 'UA–RU, Istanbul 2025',
    });
    await services.audit.record(
      null,
      auditEvent(cliActor('alice'), 'test.by-cli', { mechanismId: null, objectIds: [] }),
    );
    const [byCli] = (await get<Page>('/audit/entries?action=test.by-cli', admin)).body.items;
    expect(byCli).toMatchObject({ actor: 'cli:alice', actorName: null, mechanismName: null });
  });

  it('asks who is calling before it answers', async () => {
    expect((await get('/audit/head', {})).status).toBe(401);
  });
});
