import { generateKeyPairSync, sign } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../../services.ts';
import { buildMechanism } from '../../../testing/factories.ts';
import { adminSession, buildTestApp, tokenFor } from '../../../testing/http.ts';
import { describeEachDatabase } from '../../../testing/test-database.ts';

describeEachDatabase('revoking a signing key, through the API', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  let admin: Record<string, string>;
  let mediator: { authorization: string };

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
    admin = await adminSession(app, services);
    mediator = await tokenFor(services, { mechanism, role: 'mediator' });
  });

  const registerKey = async () => {
    const pair = generateKeyPairSync('ed25519');
    const answer = await app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism}/keys`,
      headers: mediator,
      payload: { publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    });
    expect(answer.statusCode).toBe(201);
    return { ...pair, keyId: answer.json<{ keyId: string }>().keyId };
  };
  const revoke = (keyId: string, headers: Record<string, string>, payload: object) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism}/keys/${keyId}/revocation`,
      headers,
      payload,
    });

  it('lets an admin revoke a key with a reason, shown in the list of keys and the audit log', async () => {
    const { keyId } = await registerKey();
    const revoked = await revoke(keyId, admin, { reason: 'laptop lost on 3 June' });
    expect(revoked.statusCode).toBe(200);
    const keys = await app.inject({ url: `/api/v1/mechanisms/${mechanism}/keys`, headers: admin });
    const listed = keys.json<{ items: Array<Record<string, unknown>> }>().items;
    expect(listed.find((k) => k.keyId === keyId)).toMatchObject({
      revokedAt: revoked.json<{ revokedAt: string }>().revokedAt,
      registeredBy: expect.stringMatching(/^token:/) as unknown,
    });
    const entry = await db()
      .selectFrom('audit_entry')
      .select(['reason', 'object_ids'])
      .where('action', '=', 'exchange.key.revoke')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.reason).toBe('laptop lost on 3 June');
    expect(entry.object_ids[0]).toBe(keyId);

    const again = await revoke(keyId, admin, { reason: 'twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: { message: `the key ${keyId} is revoked already` },
    });
  });

  it('refuses a signature made with a revoked key', async () => {
    const key = await registerKey();
    expect((await revoke(key.keyId, admin, { reason: 'left the office' })).statusCode).toBe(200);
    const signed = await app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism}/manifests/00000000-0000-4000-8000-000000000000/signatures`,
      headers: mediator,
      payload: {
        keyId: key.keyId,
        role: 'mediator',
        signature: sign(null, Buffer.from('x'), key.privateKey).toString('base64'),
      },
    });
    expect(signed.json()).toMatchObject({
      error: {
        code: 'EXCHANGE.BAD_SIGNATURE',
        message: expect.stringContaining(key.keyId) as unknown,
      },
    });
  });

  it('refuses other roles, a missing reason and an unknown key, each with its own answer', async () => {
    const { keyId } = await registerKey();
    expect((await revoke(keyId, mediator, { reason: 'mine' })).statusCode).toBe(403);
    const noReason = await revoke(keyId, admin, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ error: { message: string } }>().error.message).toMatch(/reason/);
    const unknown = await revoke('0123456789abcdef', admin, { reason: 'no such key' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      error: {
        message: expect.stringContaining('no key 0123456789abcdef is registered') as unknown,
      },
    });
  });
});
