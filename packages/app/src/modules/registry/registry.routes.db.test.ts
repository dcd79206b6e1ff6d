import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { buildMechanism, csvOf } from '../../testing/factories.ts';
import type { Services } from '../../services.ts';
import { adminSession, buildTestApp, multipartFile, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';

const HEADER = ['record_id', 'surname', 'given_name', 'date_of_birth'];

describeEachDatabase('list API', (db) => {
  let app: FastifyInstance;
  let services: Services;
  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db(), { maxUploadBytes: 4096 }));
  });

  /** A mechanism of the test's own, and the header of a UA party officer in it. */
  async function mechanismWithOfficer() {
    const mechanism = await buildMechanism(db());
    return {
      mechanism,
      auth: await tokenFor(services, {
        mechanism: mechanism.id,
        role: 'party_officer',
        party: 'UA',
      }),
    };
  }

  async function upload(mechanism: string, auth: Record<string, string>, csv: string | Buffer) {
    const body = multipartFile('ua.csv', csv);
    return app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${encodeURIComponent(mechanism)}/lists/UA/sought/versions`,
      payload: body.payload,
      headers: { ...body.headers, ...auth },
    });
  }

  it('answers /health and serves OpenAPI 3.1 at /docs', async () => {
    expect((await app.inject('/health')).json()).toEqual({ status: 'ok' });
    const spec = (await app.inject('/docs/json')).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toContain(
      '/api/v1/mechanisms/{mechanism}/lists/{party}/{kind}/versions/{version}/lines',
    );
  });

  it('creates a mechanism and refuses a second with the same name', async () => {
    const body = { name: 'API test mechanism', parties: ['ua', 'RU'], mediators: ['TR'] };
    const headers = await adminSession(app, services);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/mechanisms',
      payload: body,
      headers,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'API test mechanism',
      parties: ['RU', 'UA'],
      mediators: ['TR'],
    });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/mechanisms',
      payload: body,
      headers,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: {
        code: 'MECHANISM.NAME_TAKEN',
        message: 'a mechanism named "API test mechanism" already exists',
      },
    });
  });

  it("answers invalid input with the error model and the server's own request id", async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/mechanisms',
      payload: { name: 'x', parties: ['UA'] },
      headers: { ...(await adminSession(app, services)), 'x-request-id': 'req-42-from-client' },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json<{
      error: { code: string; message: string; requestId: string };
    }>();
    expect(error.code).toBe('VALIDATION.INVALID_INPUT');
    expect(error.message).toContain('parties');
    // A client does not choose the id the logs and the audit log record (no trusted proxy here).
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-request-id']).toBe(error.requestId);
  });

  it("sends a page with its version's import warnings, or without them when asked", async () => {
    const { mechanism, auth } = await mechanismWithOfficer();
    await upload(mechanism.name, auth, csvOf([HEADER, ['S-1', 'Шевченко', 'Олександр', '1999']]));
    const lines = `/api/v1/mechanisms/${mechanism.id}/lists/ua/sought/versions/1/lines`;
    const warned = ['line 2, column date_of_birth: the date is given only as a year ("1999")'];
    // Each twice: the second answer comes from the pages kept in memory, under its own key.
    for (const [query, warnings] of [
      ['', warned],
      ['?versionWarnings=false', []],
      ['', warned],
      ['?versionWarnings=false', []],
    ] as const) {
      const page = await app.inject({ url: `${lines}${query}`, headers: auth });
      expect(page.json()).toMatchObject({ version: { warnings }, items: [{ recordId: 'S-1' }] });
    }
  });

  it('uploads a list, pages and searches its lines, diffs and exports it', async () => {
    const { mechanism, auth } = await mechanismWithOfficer();
    const v1 = await upload(
      mechanism.name,
      auth,
      csvOf([HEADER, ['S-1', 'Шевченко', 'Олександр', '1999-03'], ['S-2', 'Бондар', 'Іван', '']]),
    );
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toMatchObject({ version: { number: 1, lineCount: 2 }, warnings: [] });
    await upload(
      mechanism.name,
      auth,
      csvOf([HEADER, ['S-1', 'Шевченко', 'Олександр', '1999-03-05']]),
    );

    const base = `/api/v1/mechanisms/${mechanism.id}/lists/ua/sought/versions`;
    const page = await app.inject({ url: `${base}/1/lines?limit=1&offset=1`, headers: auth });
    expect(page.json()).toMatchObject({
      total: 2,
      offset: 1,
      items: [{ recordId: 'S-2', surname: 'Бондар' }],
    });
    const found = await app.inject({
      url: `${base}/latest/lines?search=${encodeURIComponent('шевч')}`,
      headers: auth,
    });
    expect(found.json()).toMatchObject({ version: { number: 2 }, total: 1 });

    const diff = (await app.inject({ url: `${base}/latest/diff`, headers: auth })).json<unknown>();
    expect(diff).toMatchObject({
      from: { number: 1 },
      to: { number: 2 },
      removed: [{ recordId: 'S-2' }],
      changed: [
        {
          recordId: 'S-1',
          changes: [{ column: 'date_of_birth', before: '1999-03', after: '1999-03-05' }],
        },
      ],
    });

    const exported = await app.inject({ url: `${base}/1/export?format=csv`, headers: auth });
    expect(exported.headers['content-disposition']).toBe('attachment; filename="ua-sought-v1.csv"');
    const text = exported.body.replace(/^\ufeff/, '');
    expect(text.split('\n')[0]).toMatch(/^record_id,surname,given_name,patronymic,/);
    expect(text).toContain('S-1,Шевченко,Олександр,,,,,1999-03,');
  });

  it('refuses a file with errors with 422, listing every bad line, and keeps no version', async () => {
    const { mechanism, auth } = await mechanismWithOfficer();
    const response = await upload(
      mechanism.id,
      auth,
      csvOf([HEADER, ['S-1', 'Шевченко', 'Олександр', '1999-13'], ['S-1', 'Бондар', 'Іван', '']]),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      error: {
        code: 'REGISTRY.IMPORT_REJECTED',
        message: 'ua.csv was not imported: 2 errors',
        details: {
          errors: [
            { line: 2, column: 'date_of_birth', message: 'there is no month 13', value: '1999-13' },
            {
              line: 3,
              column: 'record_id',
              message: 'duplicate record_id (first on line 2)',
              value: 'S-1',
            },
          ],
        },
      },
    });
    const versions = await app.inject({
      url: `/api/v1/mechanisms/${mechanism.id}/lists/UA/sought/versions`,
      headers: auth,
    });
    expect(versions.json()).toEqual({ items: [] });
  });

  it('refuses an upload over the size limit with 413', async () => {
    const { mechanism, auth } = await mechanismWithOfficer();
    const rows = Array.from({ length: 300 }, (_, i) => [`S-${i}`, 'Бондар', 'Іван', '']);
    const response = await upload(mechanism.id, auth, csvOf([HEADER, ...rows]));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'REGISTRY.FILE_TOO_LARGE' } });
  });

  it('says which list or version is missing', async () => {
    const { mechanism, auth } = await mechanismWithOfficer();
    const none = await app.inject({
      url: `/api/v1/mechanisms/${mechanism.id}/lists/UA/held/versions/latest/lines`,
      headers: auth,
    });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ error: { code: 'REGISTRY.LIST_NOT_FOUND' } });
    const notParty = await app.inject({
      url: `/api/v1/mechanisms/${mechanism.id}/lists/TR/held/versions`,
      headers: auth,
    });
    expect(notParty.json()).toMatchObject({ error: { code: 'REGISTRY.PARTY_NOT_IN_MECHANISM' } });
    const noMechanism = await app.inject({
      url: '/api/v1/mechanisms/nope/lists/UA/held/versions',
      headers: auth,
    });
    expect(noMechanism.statusCode).toBe(404);
  });
});
