import type { FastifyInstance } from 'fastify';
import { Secret, URI } from 'otpauth';
import { buildApp } from '../app.ts';
import { SYSTEM_ACTOR, type Role } from '../modules/access/index.ts';
import type { Database } from '../platform/db/kysely.ts';
import type { Services } from '../services.ts';
import { buildTestServices } from './factories.ts';

/** The HTTP application over a test database, never listening: tests call `inject`. */
export async function buildTestApp(
  db: Database,
  options: { maxUploadBytes?: number; trustProxy?: boolean; rateLimitPerMinute?: number } = {},
): Promise<{ app: FastifyInstance; services: Services }> {
  const services = buildTestServices(db);
  const app = await buildApp({
    services,
    maxUploadBytes: options.maxUploadBytes ?? 1024 * 1024,
    trustProxy: Boolean(options.trustProxy),
    ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
  });
  return { app, services };
}

let users = 0;

/** A new service account holding one role, and the Authorization header of an API token for it. */
export async function tokenFor(
  services: Services,
  grant: { mechanism: string; role: Role; party?: string },
): Promise<{ authorization: string }> {
  const username = `user-${process.pid}-${++users}`;
  await services.access.addServiceAccount(SYSTEM_ACTOR, { username });
  await services.access.grant(SYSTEM_ACTOR, { username, ...grant });
  const { token } = await services.access.createToken(SYSTEM_ACTOR, {
    username,
    ...grant,
    name: 'test',
    days: 1,
  });
  return { authorization: `Bearer ${token}` };
}

/** Signs a new admin in through the API, password change included; returns the cookie and CSRF headers. */
export async function adminSession(
  app: FastifyInstance,
  services: Services,
): Promise<Record<string, string>> {
  const username = `admin-${process.pid}-${++users}`;
  const created = await services.access.addUser(SYSTEM_ACTOR, { username, isAdmin: true });
  const totp = created.totpUri ? URI.parse(created.totpUri) : null;
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/v1/session',
    payload: { username, password: created.password, ...(totp ? { totp: totp.generate() } : {}) },
  });
  const cookie = signIn.cookies.find((c) => c.name === 'parley_session');
  const { csrfToken } = signIn.json<{ csrfToken: string }>();
  if (!cookie) throw new Error(`sign-in failed: ${signIn.body}`);
  const headers = { cookie: `parley_session=${cookie.value}`, 'x-csrf-token': csrfToken };
  const changed = await app.inject({
    method: 'POST',
    url: '/api/v1/session/password',
    headers,
    payload: { current: created.password, next: `${new Secret({ size: 16 }).base32}!x` },
  });
  if (changed.statusCode !== 204) throw new Error(`password change failed: ${changed.body}`);
  return headers;
}

/**
 * A multipart/form-data body with one file part, as a browser's upload form sends it, after the
 * text fields given (which the server reads before the file).
 */
export function multipartFile(
  filename: string,
  content: string | Buffer,
  fields: Readonly<Record<string, string>> = {},
) {
  const boundary = `----parley${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    ...Object.entries(fields).map(([name, value]) =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
