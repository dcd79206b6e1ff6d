import Fastify, { type FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { adminSession, buildTestApp, multipartFile, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { installAuthentication } from './access.http.ts';
import { isAllowed, ROLES, SYSTEM_ACTOR, type Role } from './index.ts';

const LIST_FILE = csvOf([
  ['record_id', 'surname'],
  ['S-1', 'Бондар'],
]);

describeEachDatabase('the permission matrix', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanismId: string;
  let agreementId: string;
  const callers = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanismId = (await buildMechanism(db())).id;
    for (const party of ['UA', 'RU']) {
      await services.registry.importList(SYSTEM_ACTOR, {
        mechanism: mechanismId,
        party,
        kind: 'sought',
        acceptInvalid: false,
        file: buildFile('s.csv', LIST_FILE),
      });
    }
    agreementId = (
      await services.agreements.create(SYSTEM_ACTOR, mechanismId, {
        template: 'istanbul-2025-06-02',
      })
    ).id;
    for (const role of ROLES) {
      const isPartyRole = role === 'party_officer' || role === 'party_medical_officer';
      callers.set(
        role,
        await tokenFor(services, {
          mechanism: mechanismId,
          role,
          ...(isPartyRole ? { party: 'UA' } : {}),
        }),
      );
    }
    callers.set('admin', await adminSession(app, services));
  });

  function requestFor(method: string, url: string, headers: Record<string, string>) {
    const path = url
      .replace(':mechanism', mechanismId)
      .replace(':party', 'UA')
      .replace(':kind', 'sought')
      .replace(':agreement', agreementId)
      .replace(':version', 'latest')
      .replace(':username', 'nobody');
    if (url.endsWith('/versions') && method === 'POST') {
      const body = multipartFile('s.csv', LIST_FILE);
      return app.inject({
        method: 'POST',
        url: path,
        payload: body.payload,
        headers: { ...body.headers, ...headers },
      });
    }
    const payload =
      path === '/api/v1/mechanisms' && method === 'POST'
        ? { name: `m ${Math.random()}`, parties: ['UA', 'RU'] }
        : undefined;
    return app.inject({
      method: method as 'GET',
      url: path,
      headers,
      ...(payload ? { payload } : {}),
    });
  }

  it('has a rule for every route', () => {
    expect(app.routeRules.length).toBeGreaterThanOrEqual(12);
    expect(app.routeRules.every((route) => route.rule !== undefined)).toBe(true);
  });

  it('answers every route for every role as the permission table says', async () => {
    const mismatches: string[] = [];
    for (const route of app.routeRules) {
      if (
        route.rule === 'public' ||
        route.rule === 'signed-in' ||
        route.url === '/api/v1/session/password' ||
        route.method === 'DELETE'
      )
        continue;
      for (const [caller, headers] of callers) {
        const principal =
          caller === 'admin'
            ? { isSystem: false, isAdmin: true, grants: [] }
            : {
                isSystem: false,
                isAdmin: false,
                grants: [
                  {
                    mechanismId,
                    role: caller as Role,
                    party: caller.startsWith('party_') ? 'UA' : null,
                  },
                ],
              };
        const isExpected = isAllowed(principal, route.rule, {
          mechanismId,
          party: 'UA',
        });
        const response = await requestFor(route.method, route.url, headers);
        const isRefused = response.statusCode === 403;
        if (isExpected === isRefused || response.statusCode === 401) {
          mismatches.push(
            `${route.method} ${route.url} as ${caller}: expected ${isExpected ? 'allowed' : '403'}, got ${response.statusCode} ${response.body.slice(0, 120)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("keeps a party officer of one side out of the other side's lists", async () => {
    const ruOfficer = await tokenFor(services, {
      mechanism: mechanismId,
      role: 'party_officer',
      party: 'RU',
    });
    for (const route of app.routeRules.filter((r) => r.url.includes(':party'))) {
      const response = await requestFor(route.method, route.url, ruOfficer);
      expect([route.url, response.statusCode]).toEqual([route.url, 403]);
      expect(response.json()).toMatchObject({ error: { code: 'ACCESS.FORBIDDEN' } });
    }
  });

  it('shows health data and the place of detention only to the roles of their compartments', async () => {
    const held = csvOf([
      ['record_id', 'surname', 'health_status', 'detention_place'],
      ['H-1', 'Гук', 'seriously_sick', 'СИЗО-2 Таганрог'],
    ]);
    await services.registry.importList(SYSTEM_ACTOR, {
      mechanism: mechanismId,
      party: 'UA',
      kind: 'held',
      acceptInvalid: false,
      file: buildFile('h.csv', held),
    });
    const seen = async (caller: string) => {
      const response = await app.inject({
        url: `/api/v1/mechanisms/${mechanismId}/lists/UA/held/versions/latest/lines`,
        headers: callers.get(caller) ?? {},
      });
      const [line] = response.json<{
        items: { healthStatus: string | null; detentionPlace: string | null }[];
      }>().items;
      return [line?.healthStatus ?? null, line?.detentionPlace ?? null];
    };
    expect(await seen('party_officer')).toEqual([null, 'СИЗО-2 Таганрог']);
    expect(await seen('party_medical_officer')).toEqual(['seriously_sick', 'СИЗО-2 Таганрог']);
    expect(await seen('mediator')).toEqual(['seriously_sick', null]);
    expect(await seen('neutral_verifier')).toEqual([null, 'СИЗО-2 Таганрог']);
  });

  it('refuses requests without credentials, and cookie writes without the CSRF token', async () => {
    const anonymous = await app.inject(
      `/api/v1/mechanisms/${mechanismId}/lists/UA/sought/versions`,
    );
    expect(anonymous.statusCode).toBe(401);
    const admin = callers.get('admin') ?? {};
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/v1/mechanisms',
      headers: { cookie: admin.cookie ?? '' },
      payload: { name: 'x', parties: ['UA', 'RU'] },
    });
    expect(noCsrf.json()).toMatchObject({ error: { code: 'AUTH.CSRF' } });
  });
});

describe('a route without an access rule', () => {
  it('stops the server from being built', () => {
    const app = Fastify();
    installAuthentication(app, buildTestServices(null as never).access);
    expect(() => app.get('/api/v1/forgotten', () => 'oops')).toThrow(
      'route GET /api/v1/forgotten has no access rule (config.rule)',
    );
  });
});
