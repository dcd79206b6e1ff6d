import type { FastifyInstance } from 'fastify';
import { URI } from 'otpauth';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildMechanism } from '../../testing/factories.ts';
import { adminSession, buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR } from './index.ts';

describeEachDatabase('the account life cycle', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let admin: Record<string, string>;
  let mechanismId: string;

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    admin = await adminSession(app, services);
    mechanismId = (await buildMechanism(db())).id;
  });

  const asAdmin = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: admin, ...(payload ? { payload } : {}) });
  const signIn = (payload: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/v1/session', payload });

  it('adds a user and a service account, grants roles, lists them, and revokes a role with its tokens', async () => {
    const added = await asAdmin('POST', '/users', { username: 'iryna', displayName: 'Iryna K.' });
    expect(added.statusCode).toBe(201);
    expect(added.json<{ username: string; totpUri: string }>()).toMatchObject({
      username: 'iryna',
    });
    expect(added.json<{ totpUri: string }>().totpUri).toMatch(/^otpauth:\/\/totp\//);
    const granted = await asAdmin('POST', '/users/iryna/grants', {
      mechanism: mechanismId,
      role: 'party_officer',
      party: 'UA',
    });
    expect(granted.json()).toEqual({ mechanismId, role: 'party_officer', party: 'UA' });
    const service = await asAdmin('POST', '/users', { username: 'nib-import', service: true });
    expect(service.json()).toMatchObject({ username: 'nib-import', password: null, totpUri: null });
    await asAdmin('POST', '/users/nib-import/grants', {
      mechanism: mechanismId,
      role: 'party_officer',
      party: 'UA',
    });
    const token = await asAdmin('POST', '/tokens', {
      username: 'nib-import',
      mechanism: mechanismId,
      role: 'party_officer',
      party: 'UA',
      name: 'uploads',
    });
    const bearer = { authorization: `Bearer ${token.json<{ token: string }>().token}` };
    expect((await app.inject({ url: '/api/v1/mechanisms', headers: bearer })).statusCode).toBe(200);

    const users = await asAdmin('GET', '/users');
    expect(users.json<{ items: unknown[] }>().items).toContainEqual(
      expect.objectContaining({
        username: 'iryna',
        displayName: 'Iryna K.',
        hasSecondFactor: true,
        disabledAt: null,
        grants: [{ mechanismId, role: 'party_officer', party: 'UA' }],
      }),
    );
    expect(users.json<{ items: unknown[] }>().items).toContainEqual(
      expect.objectContaining({ username: 'nib-import', isService: true, hasSecondFactor: false }),
    );
    expect(JSON.stringify(users.json())).not.toMatch(/totp|password_hash|\$argon2/i);

    const revoked = await asAdmin('POST', '/users/nib-import/grants/revoke', {
      mechanism: mechanismId,
      role: 'party_officer',
      party: 'UA',
    });
    expect(revoked.statusCode).toBe(200);
    const afterRevoke = await app.inject({ url: '/api/v1/mechanisms', headers: bearer });
    expect(afterRevoke.json()).toMatchObject({ error: { code: 'AUTH.REQUIRED' } });
    const tokens = await asAdmin('GET', '/tokens?username=nib-import');
    const listed = tokens.json<{
      items: { name: string; isActive: boolean; revokedAt: string }[];
    }>();
    expect(listed.items.map((t) => [t.name, t.isActive])).toEqual([['uploads', false]]);
    expect(listed.items[0]?.revokedAt).toMatch(/^\d{4}-/);
    const again = await asAdmin('POST', '/users/nib-import/grants/revoke', {
      mechanism: mechanismId,
      role: 'party_officer',
      party: 'UA',
    });
    expect(again.json()).toMatchObject({ error: { code: 'ACCESS.INVALID_GRANT' } });
  });

  it('disables a user at once, sessions and tokens included, and enables them again', async () => {
    const user = await services.access.addUser(SYSTEM_ACTOR, {
      username: 'bohdan',
      withTotp: false,
    });
    const session = await signIn({ username: 'bohdan', password: user.password });
    const cookie = `parley_session=${session.cookies.find((c) => c.name === 'parley_session')?.value ?? ''}`;
    const bearer = await tokenFor(services, { mechanism: mechanismId, role: 'observer' });

    expect((await asAdmin('POST', '/users/bohdan/disabled', { disabled: true })).json()).toEqual({
      username: 'bohdan',
      disabled: true,
    });
    const withCookie = await app.inject({ url: '/api/v1/session', headers: { cookie } });
    expect(withCookie.statusCode).toBe(401);
    expect((await signIn({ username: 'bohdan', password: user.password })).statusCode).toBe(401);
    // Another user's token is untouched.
    expect((await app.inject({ url: '/api/v1/mechanisms', headers: bearer })).statusCode).toBe(200);

    await asAdmin('POST', '/users/bohdan/disabled', { disabled: false });
    expect((await signIn({ username: 'bohdan', password: user.password })).statusCode).toBe(200);
  });

  it('does not let an admin disable their own account', async () => {
    const self = await asAdmin('GET', '/session');
    const own = self.json<{ actor: string }>().actor.replace('user:', '');
    const response = await asAdmin('POST', `/users/${own}/disabled`, { disabled: true });
    expect(response.json()).toMatchObject({ error: { code: 'ACCESS.FORBIDDEN' } });
  });

  it('resets a lost authenticator: new password and secret, old sessions end', async () => {
    const user = await services.access.addUser(SYSTEM_ACTOR, { username: 'hanna' });
    const oldCode = URI.parse(user.totpUri ?? '');
    const session = await signIn({
      username: 'hanna',
      password: user.password,
      totp: oldCode.generate(),
    });
    const cookie = `parley_session=${session.cookies.find((c) => c.name === 'parley_session')?.value ?? ''}`;

    const reset = await asAdmin('POST', '/users/hanna/reset', { secondFactor: true });
    const { password, totpUri } = reset.json<{ password: string; totpUri: string }>();
    expect(password).not.toBe(user.password);
    expect(totpUri).not.toBe(user.totpUri);
    expect((await app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(
      401,
    );
    expect(
      (await signIn({ username: 'hanna', password, totp: oldCode.generate() })).statusCode,
    ).toBe(401);
    const fresh = await signIn({
      username: 'hanna',
      password,
      totp: URI.parse(totpUri).generate(),
    });
    expect(fresh.json()).toMatchObject({ actor: 'user:hanna', mustChangePassword: true });
  });

  it('ends the other sessions when a user changes their password', async () => {
    const user = await services.access.addUser(SYSTEM_ACTOR, {
      username: 'ostap',
      withTotp: false,
    });
    const cookieOf = (response: Awaited<ReturnType<typeof signIn>>) =>
      `parley_session=${response.cookies.find((c) => c.name === 'parley_session')?.value ?? ''}`;
    const first = await signIn({ username: 'ostap', password: user.password });
    const second = await signIn({ username: 'ostap', password: user.password });
    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/session/password',
      headers: {
        cookie: cookieOf(second),
        'x-csrf-token': second.json<{ csrfToken: string }>().csrfToken,
      },
      payload: { current: user.password, next: 'a long and private passphrase 7' },
    });
    expect(changed.statusCode).toBe(204);
    const session = (cookie: string) =>
      app.inject({ url: '/api/v1/session', headers: { cookie } }).then((r) => r.statusCode);
    expect(await session(cookieOf(first))).toBe(401);
    expect(await session(cookieOf(second))).toBe(200);
  });

  it('refuses the administration to every mechanism role, before reading the request', async () => {
    const mediator = await tokenFor(services, { mechanism: mechanismId, role: 'mediator' });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: mediator,
      payload: { not: 'valid' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'ACCESS.FORBIDDEN' } });
  });

  it('audits every change of access', async () => {
    const actions = (await db().selectFrom('audit_entry').select('action').execute()).map(
      (row) => row.action,
    );
    for (const action of [
      'access.user.add',
      'access.grant',
      'access.revoke',
      'access.user.disable',
      'access.user.enable',
      'access.user.reset',
      'access.token.create',
    ])
      expect(actions).toContain(action);
  });
});
