import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, requestIdOf } from '../../app.ts';
import type { Services } from '../../services.ts';
import { buildMechanism, buildTestServices } from '../../testing/factories.ts';
import { adminSession, multipartFile, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { badCharacterIn } from './input-hygiene.ts';

describeEachDatabase('what a hostile client sends', (db) => {
  let app: FastifyInstance;
  let proxied: FastifyInstance;
  let services: Services;
  let mechanismId: string;
  let admin: Record<string, string>;
  let officer: Record<string, string>;

  beforeAll(async () => {
    services = buildTestServices(db());
    app = await buildApp({ services, maxUploadBytes: 1024 * 1024 });
    proxied = await buildApp({ services, maxUploadBytes: 1024 * 1024, trustProxy: true });
    mechanismId = (await buildMechanism(db())).id;
    admin = await adminSession(app, services);
    officer = await tokenFor(services, {
      mechanism: mechanismId,
      role: 'party_officer',
      party: 'UA',
    });
  });

  const errorOf = (response: { json: () => unknown }) =>
    (response.json() as { error: { code: string; message: string } }).error;

  it('is refused for want of credentials before its body is parsed: malformed JSON gets 401', async () => {
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/v1/mechanisms',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(anonymous.statusCode).toBe(401);
    expect(errorOf(anonymous).code).toBe('AUTH.REQUIRED');
    const signedIn = await app.inject({
      method: 'POST',
      url: '/api/v1/mechanisms',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(signedIn.statusCode).toBe(400);
  });

  it('gets 400 naming the field for a NUL in a body field, a path parameter or a search', async () => {
    const inBody = await app.inject({
      method: 'POST',
      url: '/api/v1/mechanisms',
      headers: admin,
      payload: { name: 'Istanbul\u00002025', parties: ['UA', 'RU'] },
    });
    expect(inBody.statusCode).toBe(400);
    expect(errorOf(inBody).message).toBe(
      'body.name: contains a NUL character (U+0000), which no text may hold',
    );
    const inPath = await app.inject({
      url: `/api/v1/mechanisms/x%00y/lists/UA/sought/versions`,
      headers: officer,
    });
    expect([inPath.statusCode, errorOf(inPath).message]).toEqual([
      400,
      'params.mechanism: contains a NUL character (U+0000), which no text may hold',
    ]);
    const inSearch = await app.inject({
      url: `/api/v1/mechanisms/${mechanismId}/lists/UA/sought/versions/latest/lines?search=%00`,
      headers: officer,
    });
    expect([inSearch.statusCode, errorOf(inSearch).message]).toEqual([
      400,
      'querystring.search: contains a NUL character (U+0000), which no text may hold',
    ]);
  });

  it('gets 400 for a lone surrogate in a field that would reach the audit log', async () => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanismId}/break-glass`,
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"reason": "the wounded list \\ud800 must be checked now", "minutes": 5}',
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toBe(
      'body.reason: contains a lone surrogate (U+D800), which is not valid Unicode text',
    );
  });

  it('gets 400 for a body that claims to be multipart and is not, or breaks off', async () => {
    const url = `/api/v1/mechanisms/${mechanismId}/lists/UA/sought/versions`;
    const notMultipart = await app.inject({
      method: 'POST',
      url,
      headers: { ...officer, 'content-type': 'multipart/form-data' },
      payload: '{"file": "x"}',
    });
    expect(notMultipart.statusCode).toBe(400);
    expect(errorOf(notMultipart).message).toContain('not a readable multipart/form-data upload');
    const whole = multipartFile('ua.csv', 'record_id,surname\nS-1,Бондар\n');
    const brokenOff = await app.inject({
      method: 'POST',
      url,
      headers: { ...officer, ...whole.headers },
      payload: whole.payload.subarray(0, whole.payload.length - 30),
    });
    expect(brokenOff.statusCode).toBe(400);
    const badName = multipartFile('ua\u0000.csv', 'record_id,surname\nS-1,Бондар\n');
    const named = await app.inject({
      method: 'POST',
      url,
      headers: { ...officer, ...badName.headers },
      payload: badName.payload,
    });
    expect([named.statusCode, errorOf(named).message]).toEqual([
      400,
      'the file name: contains a NUL character (U+0000), which no text may hold',
    ]);
  });

  it("records the server's own request id, or a trusted proxy's well-formed one, never a client's", async () => {
    const send = (to: FastifyInstance, id: string) =>
      to.inject({ url: '/api/v1/session', headers: { ...officer, 'x-request-id': id } });
    const fromClient = await send(app, 'chosen-by-the-client');
    expect(fromClient.headers['x-request-id']).not.toBe('chosen-by-the-client');
    expect(fromClient.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const fromProxy = await send(proxied, '7f3c2a91d0e84b5c9a6e1f2b3c4d5e6f');
    expect(fromProxy.headers['x-request-id']).toBe('7f3c2a91d0e84b5c9a6e1f2b3c4d5e6f');
    for (const forged of ['<script>', 'a b', 'x'.repeat(65), 'short']) {
      expect((await send(proxied, forged)).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("allows no inline script in the web application's pages or the API", async () => {
    for (const url of ['/health', '/api/v1/session', '/docs/static/index.html']) {
      const policy = String((await app.inject(url)).headers['content-security-policy']);
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    }
  });
});

describe('text that no field may hold', () => {
  it('is a NUL or a surrogate without its pair; a pair (an emoji) is fine', () => {
    expect(badCharacterIn('Шевченко 😀')).toBeNull();
    expect(badCharacterIn('a\u0000b')).toContain('NUL');
    expect(badCharacterIn('a\ud800b')).toContain('U+D800');
    expect(badCharacterIn('\udc00')).toContain('U+DC00');
  });

  it("takes a proxy's request id only when it is trusted and well formed", () => {
    expect(requestIdOf('abcdef12-3456', true)).toBe('abcdef12-3456');
    expect(requestIdOf('abcdef12-3456', false)).not.toBe('abcdef12-3456');
    expect(requestIdOf(['a', 'b'], true)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
