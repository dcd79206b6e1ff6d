import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildMechanism } from '../../testing/factories.ts';
import { adminSession, buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';

describeEachDatabase('retention, through the API', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let admin: Record<string, string>;

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    admin = await adminSession(app, services);
  });

  const categories = async () =>
    (await app.inject({ url: '/api/v1/retention', headers: admin })).json<{
      items: Array<{ category: string; days: number | null; due: number | null }>;
    }>().items;

  it("shows every category's period and what is due, and sets a period", async () => {
    const before = await categories();
    expect(before.map((c) => c.category)).toEqual([
      'health',
      'superseded_versions',
      'sessions',
      'inquiries_closed',
      'inquiries_answered',
    ]);
    const set = await app.inject({
      method: 'PUT',
      url: '/api/v1/retention/sessions',
      headers: admin,
      payload: { days: 30 },
    });
    expect(set.statusCode).toBe(200);
    const sessions = (await categories()).find((c) => c.category === 'sessions');
    expect(sessions).toMatchObject({ days: 30, due: expect.any(Number) as unknown });
    const entry = await db()
      .selectFrom('audit_entry')
      .select(['object_ids', 'details'])
      .where('action', '=', 'retention.policy')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ object_ids: ['sessions'], details: { days: 30 } });
  });

  it('deletes only when told to, and says what it deleted', async () => {
    const { id } = await db().selectFrom('app_user').select('id').executeTakeFirstOrThrow();
    await db()
      .insertInto('user_session')
      .values({
        token_hash: `expired-${Date.now()}`,
        user_id: id,
        csrf_token: 'x',
        expires_at: new Date(Date.now() - 100 * 86_400_000),
      })
      .execute();
    const due = (await categories()).find((c) => c.category === 'sessions')?.due ?? 0;
    expect(due).toBeGreaterThanOrEqual(1);
    const unconfirmed = await app.inject({
      method: 'POST',
      url: '/api/v1/retention/deletions',
      headers: admin,
      payload: {},
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json<{ error: { message: string } }>().error.message).toMatch(/confirm/);
    const done = await app.inject({
      method: 'POST',
      url: '/api/v1/retention/deletions',
      headers: admin,
      payload: { confirm: true },
    });
    expect(done.statusCode).toBe(200);
    const deleted = done
      .json<{ items: Array<{ category: string; deletedRows: number | null }> }>()
      .items.find((c) => c.category === 'sessions');
    expect(deleted?.deletedRows).toBe(due);
    expect((await categories()).find((c) => c.category === 'sessions')?.due).toBe(0);
  });

  it('refuses a category that does not exist, a period of no days, and anyone but an admin', async () => {
    const unknown = await app.inject({
      method: 'PUT',
      url: '/api/v1/retention/photos',
      headers: admin,
      payload: { days: 30 },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { message: string } }>().error.message).toMatch(/category/);
    const zero = await app.inject({
      method: 'PUT',
      url: '/api/v1/retention/health',
      headers: admin,
      payload: { days: 0 },
    });
    expect(zero.statusCode).toBe(400);
    expect(zero.json<{ error: { message: string } }>().error.message).toMatch(/days/);
    const mechanism = (await buildMechanism(db())).id;
    const mediator = await tokenFor(services, { mechanism, role: 'mediator' });
    expect((await app.inject({ url: '/api/v1/retention', headers: mediator })).statusCode).toBe(
      403,
    );
  });
});
