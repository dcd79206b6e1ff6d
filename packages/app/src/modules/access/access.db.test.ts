import { URI } from 'otpauth';
import { beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, csvOf } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { permissionsOfRole } from './domain/permissions.ts';
import { SYSTEM_ACTOR } from './index.ts';

describeEachDatabase('sign-in', (db) => {
  let app: FastifyInstance;
  let services: Services;
  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
  });

  const signIn = (payload: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/v1/session', payload });

  it('asks for the second factor, then signs in and sets a strict HttpOnly cookie', async () => {
    const user = await services.access.addUser(SYSTEM_ACTOR, { username: 'olena' });
    const totp = URI.parse(user.totpUri ?? '');
    const withoutCode = await signIn({ username: 'olena', password: user.password });
    expect(withoutCode.json()).toMatchObject({ error: { code: 'AUTH.SECOND_FACTOR_REQUIRED' } });
    const wrongCode = await signIn({ username: 'olena', password: user.password, totp: '000000' });
    expect(wrongCode.statusCode).toBe(401);
    const ok = await signIn({ username: 'olena', password: user.password, totp: totp.generate() });
    expect(ok.json()).toMatchObject({ actor: 'user:olena', mustChangePassword: true });
    const cookie = ok.cookies.find((c) => c.name === 'parley_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const elsewhere = await app.inject({
      url: '/api/v1/mechanisms',
      headers: { cookie: `parley_session=${cookie?.value ?? ''}` },
    });
    expect(elsewhere.json()).toMatchObject({ error: { code: 'AUTH.PASSWORD_CHANGE_REQUIRED' } });
  });

  it('tells the web what each grant may do, from the one table of permissions', async () => {
    const mechanism = await buildMechanism(db());
    const officer = await tokenFor(services, {
      mechanism: mechanism.id,
      role: 'party_officer',
      party: 'UA',
    });
    const session = await app.inject({ url: '/api/v1/session', headers: officer });
    const [grant] = session.json<{ grants: Array<Record<string, unknown>> }>().grants;
    expect(grant).toMatchObject({ role: 'party_officer', party: 'UA' });
    expect(grant?.permissions).toEqual(permissionsOfRole('party_officer'));
    expect(grant?.permissions).toMatchObject({ 'list.import': 'own', 'exchange.sign': 'any' });
    expect(grant?.permissions).not.toHaveProperty('review.decide');
  });

  it('marks the session cookie Secure when the request came over TLS through a trusted proxy', async () => {
    const { app: proxied } = await buildTestApp(db(), { trustProxy: true });
    const user = await services.access.addUser(SYSTEM_ACTOR, {
      username: 'taras',
      withTotp: false,
    });
    const response = await proxied.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: 'taras', password: user.password },
    });
    expect(response.cookies.find((c) => c.name === 'parley_session')).toMatchObject({
      secure: true,
      httpOnly: true,
    });
  });

  it('locks an account after five wrong passwords, even for the right one', async () => {
    const user = await services.access.addUser(SYSTEM_ACTOR, {
      username: 'petro',
      withTotp: false,
    });
    for (let i = 0; i < 5; i++)
      expect((await signIn({ username: 'petro', password: 'wrong password!' })).statusCode).toBe(
        401,
      );
    const locked = await signIn({ username: 'petro', password: user.password });
    expect(locked.statusCode).toBe(401);
    const unknown = await signIn({ username: 'nobody-at-all', password: user.password });
    // A locked account and an unknown name answer alike, so that the answer does not tell who exists.
    expect(locked.json<{ error: { message: string } }>().error.message).toBe(
      unknown.json<{ error: { message: string } }>().error.message,
    );
  });

  it('refuses short and common passwords', async () => {
    const user = await services.access.addUser(SYSTEM_ACTOR, { username: 'ivan', withTotp: false });
    const actor = (await services.access.signIn({ username: 'ivan', password: user.password }))
      .actor;
    await expect(
      services.access.changePassword(actor, { current: user.password, next: 'short' }),
    ).rejects.toThrow('a password needs at least 12 characters');
    await expect(
      services.access.changePassword(actor, { current: user.password, next: 'password1234' }),
    ).rejects.toThrow('this password is on the list of common passwords');
    await expect(
      services.access.changePassword(actor, {
        current: user.password,
        next: 'Vyshyvanka-Kyiv-1991',
      }),
    ).resolves.toBeUndefined();
  });

  it('stops honouring a revoked token at once', async () => {
    const mechanism = await buildMechanism(db());
    const auth = await tokenFor(services, { mechanism: mechanism.id, role: 'mediator' });
    const url = `/api/v1/mechanisms/${mechanism.id}`;
    expect((await app.inject({ url, headers: auth })).statusCode).toBe(200);
    const id = /^Bearer (.+)$/.exec(auth.authorization)?.[1];
    const row = await db()
      .selectFrom('api_token')
      .select('id')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(id).toMatch(/^prl_/);
    await services.access.revokeToken(SYSTEM_ACTOR, row.id);
    expect((await app.inject({ url, headers: auth })).json()).toMatchObject({
      error: { code: 'AUTH.REQUIRED' },
    });
  });

  it('stops honouring the tokens of a role taken away or an account disabled at once', async () => {
    const mechanism = await buildMechanism(db());
    const url = `/api/v1/mechanisms/${mechanism.id}`;
    const grant = { mechanism: mechanism.id, role: 'mediator' as const };
    const revoked = await tokenFor(services, grant);
    expect((await app.inject({ url, headers: revoked })).statusCode).toBe(200);
    const [username] = await db()
      .selectFrom('api_token as t')
      .innerJoin('app_user as u', 'u.id', 't.user_id')
      .select('u.username')
      .orderBy('t.created_at', 'desc')
      .limit(1)
      .execute();
    await services.access.revokeGrant(SYSTEM_ACTOR, { username: username!.username, ...grant });
    expect((await app.inject({ url, headers: revoked })).json()).toMatchObject({
      error: { code: 'AUTH.REQUIRED' },
    });

    const disabled = await tokenFor(services, grant);
    expect((await app.inject({ url, headers: disabled })).statusCode).toBe(200);
    const [owner] = await db()
      .selectFrom('api_token as t')
      .innerJoin('app_user as u', 'u.id', 't.user_id')
      .select('u.username')
      .orderBy('t.created_at', 'desc')
      .limit(1)
      .execute();
    await services.access.setUserDisabled(SYSTEM_ACTOR, {
      username: owner!.username,
      disabled: true,
    });
    expect((await app.inject({ url, headers: disabled })).json()).toMatchObject({
      error: { code: 'AUTH.REQUIRED' },
    });
  });

  it('opens break-glass access only with a reason, flags every read under it, and reports it', async () => {
    const mechanism = await buildMechanism(db());
    await services.registry.importList(SYSTEM_ACTOR, {
      mechanism: mechanism.id,
      party: 'UA',
      kind: 'held',
      acceptInvalid: false,
      file: buildFile(
        'h.csv',
        csvOf([
          ['record_id', 'surname', 'health_status'],
          ['H-1', 'Бондар', 'seriously_wounded'],
        ]),
      ),
    });
    const user = await services.access.addUser(SYSTEM_ACTOR, { username: 'olha', isAdmin: true });
    const session = await services.access.signIn({
      username: 'olha',
      password: user.password,
      totp: URI.parse(user.totpUri ?? '').generate(),
    });
    const headers = {
      cookie: `parley_session=${session.token}`,
      'x-csrf-token': session.csrfToken,
    };
    await services.access.changePassword(
      session.actor,
      { current: user.password, next: 'Kherson-Mykolaiv-2022' },
      session.token,
    );
    const lines = `/api/v1/mechanisms/${mechanism.id}/lists/UA/held/versions/latest/lines`;
    expect((await app.inject({ url: lines, headers })).statusCode).toBe(403);

    const tooShort = await app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism.id}/break-glass`,
      headers,
      payload: { reason: 'urgent' },
    });
    expect(tooShort.statusCode).toBe(400);
    const reason = 'Medical evacuation of H-1 tonight; the mediator cannot be reached';
    const opened = await app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism.id}/break-glass`,
      headers,
      payload: { reason, minutes: 15 },
    });
    expect(opened.statusCode).toBe(201);
    const read = await app.inject({ url: lines, headers });
    expect(read.json()).toMatchObject({
      items: [{ recordId: 'H-1', healthStatus: 'seriously_wounded' }],
    });

    const flagged = await services.audit.find({
      action: 'list.read',
      mechanismId: mechanism.id,
      afterSeq: 0,
      limit: 10,
    });
    expect(flagged).toMatchObject([
      {
        actor: 'user:olha',
        reason: `break glass: ${reason}`,
        details: { breakGlass: opened.json<{ id: string }>().id },
      },
    ]);
    const report = await services.access.breakGlassReport(SYSTEM_ACTOR);
    expect(report.find((r) => r.id === opened.json<{ id: string }>().id)).toMatchObject({
      username: 'olha',
      reason,
      actions: 1,
    });
  });

  it("refuses break-glass to a party's own officer, who would see the other side", async () => {
    const mechanism = await buildMechanism(db());
    const user = await services.access.addUser(SYSTEM_ACTOR, { username: 'stepan' });
    await services.access.grant(SYSTEM_ACTOR, {
      username: 'stepan',
      mechanism: mechanism.id,
      role: 'party_officer',
      party: 'UA',
    });
    const { actor } = await services.access.signIn({
      username: 'stepan',
      password: user.password,
      totp: URI.parse(user.totpUri ?? '').generate(),
    });
    await expect(
      services.access.breakGlass(actor, {
        mechanism: mechanism.id,
        reason: 'I want to see what the other side holds',
        minutes: 10,
      }),
    ).rejects.toThrow(
      "break-glass access is for admins and for the mechanism's mediators and neutral verifiers",
    );
  });

  it('answers 429 past ten sign-in attempts a minute', async () => {
    const { app: fresh } = await buildTestApp(db());
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      codes.push(
        (
          await fresh.inject({
            method: 'POST',
            url: '/api/v1/session',
            payload: { username: 'x', password: 'y' },
          })
        ).statusCode,
      );
    }
    expect(codes.slice(0, 10).every((code) => code === 401)).toBe(true);
    expect(codes[10]).toBe(429);
  });

  it('limits every route per client when the deployment sets a limit', async () => {
    const { app: limited } = await buildTestApp(db(), { rateLimitPerMinute: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await limited.inject('/api/v1/mechanisms')).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const refused = await limited.inject('/health');
    expect(refused.json()).toMatchObject({ error: { code: 'HTTP.RATE_LIMITED' } });
  });

  it('stores tokens and sessions only as hashes', async () => {
    const mechanism = await buildMechanism(db());
    const auth = await tokenFor(services, { mechanism: mechanism.id, role: 'observer' });
    const token = auth.authorization.slice('Bearer '.length);
    const hashes = await db().selectFrom('api_token').select('token_hash').execute();
    expect(hashes.some((row) => row.token_hash === token)).toBe(false);
    expect(hashes.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
  });
});
