import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildMechanism } from '../../testing/factories.ts';
import { buildTestApp, multipartFile, tokenFor } from '../../testing/http.ts';
import {
  buildAttackTarget,
  callerFor,
  isLeak,
  requestsTo,
  sendAttack,
  type AttackTarget,
} from '../../testing/attack.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR } from './index.ts';

const body = fc.oneof(
  fc.jsonValue(),
  fc.record({
    name: fc.string(),
    parties: fc.array(fc.string({ maxLength: 9 })),
    mediators: fc.array(fc.string()),
  }),
  fc.record({ username: fc.string(), password: fc.string(), totp: fc.string() }),
  fc.record({ reason: fc.string({ maxLength: 80 }), minutes: fc.integer() }),
  fc.record({ current: fc.string(), next: fc.string() }),
);

describeEachDatabase('every write endpoint, fed generated bodies', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanismId: string;
  let agreementId: string;
  let outsiders: Record<string, string>[];

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanismId = (await buildMechanism(db())).id;
    agreementId = (
      await services.agreements.create(SYSTEM_ACTOR, mechanismId, {
        template: 'istanbul-2025-06-02',
      })
    ).id;
    // Callers who may write nothing here: nobody, an observer, and the other party's officer.
    outsiders = [
      {},
      await tokenFor(services, { mechanism: mechanismId, role: 'observer' }),
      await tokenFor(services, { mechanism: mechanismId, role: 'party_officer', party: 'RU' }),
    ];
  });

  // Signing out without a session is a harmless no-op (204), so it is not a write to test here.
  const writes = () =>
    app.routeRules.filter(
      (r) =>
        r.method !== 'GET' &&
        r.rule !== 'public' &&
        !(r.method === 'DELETE' && r.url === '/api/v1/session'),
    );

  async function send(
    route: { method: string; url: string },
    headers: Record<string, string>,
    payload: unknown,
  ) {
    const url = route.url
      .replace(':mechanism', mechanismId)
      .replace(':party', 'UA')
      .replace(':kind', 'sought')
      .replace(':agreement', agreementId)
      .replace(':version', '1');
    if (url.endsWith('/versions')) {
      const file = multipartFile(
        'x.csv',
        typeof payload === 'string' ? payload : JSON.stringify(payload),
      );
      return app.inject({
        method: 'POST',
        url,
        payload: file.payload,
        headers: { ...file.headers, ...headers },
      });
    }
    return app.inject({
      method: route.method as 'POST',
      url,
      headers,
      payload: JSON.stringify(payload) ?? 'null',
    });
  }

  const counts = async () => {
    const { rows } = await sql<Record<string, number>>`select
      (select count(*)::int from mechanism) as mechanisms,
      (select count(*)::int from list_version) as versions,
      (select count(*)::int from break_glass) as emergencies,
      (select count(*)::int from app_user) as users,
      (select count(*)::int from agreement_version) as agreementVersions,
      (select count(*)::int from eligibility_evaluation) as evaluations`.execute(db());
    return rows[0];
  };

  it('never answers 500, and writes nothing for a caller without the permission', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writes()),
        fc.integer({ min: 0, max: 2 }),
        body,
        async (route, caller, payload) => {
          const response = await send(
            route,
            { ...(outsiders[caller] ?? {}), 'content-type': 'application/json' },
            payload,
          );
          expect(response.statusCode).toBeLessThan(500);
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 150, seed: 42 },
    );
    expect(await counts()).toEqual(before);
  });

  it("does not let an API token change its user's password", async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/session/password',
      headers: outsiders[1],
      payload: { current: 'x', next: 'Zaporizhzhia-2025!' },
    });
    expect(response.json()).toMatchObject({ error: { code: 'ACCESS.FORBIDDEN' } });
  });

  it('never answers 500 to the public sign-in, whatever it is sent', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/session',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(payload) ?? 'null',
        });
        expect([400, 401, 423, 429]).toContain(response.statusCode);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  describe('fed hostile bodies by every role, the admin and nobody', () => {
    let target: AttackTarget;
    beforeAll(async () => {
      target = await buildAttackTarget(db());
    });

    // Issue 14: NUL bytes, lone surrogates and bodies that claim multipart answered 500.
    it('never answers 5xx to any write, whatever its parameters and body hold, and lets no one in where the roles forbid', async () => {
      const writes = target.routes.filter((r) => r.method !== 'GET');
      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...writes)
            .chain((route) =>
              fc.tuple(fc.constant(route), callerFor(target, route), requestsTo(target, route)),
            ),
          async ([route, caller, request]) => {
            const status = await sendAttack(target, route, caller, request);
            if (status >= 500 || isLeak(route, caller, status)) {
              failures.push(`${route.method} ${route.url} as ${caller.name}: ${status}`);
            }
            expect(failures).toEqual([]);
          },
        ),
        { numRuns: 400, seed: 14 },
      );
    });
  });
});
