import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from './access.http.ts';
import { actorOf } from './domain/authorize.ts';
import { permissionsOfRole, type Grant } from './domain/permissions.ts';
import type { AccessService } from './access.service.ts';
import { grantResponse, permissionsResponse } from './access.schemas.ts';

const grantWithPermissions = grantResponse.extend({ permissions: permissionsResponse });

/** The grants as the session shows them, each with the permissions of its role. */
const grantsShown = (grants: readonly Grant[]) =>
  grants.map((grant) => ({ ...grant, permissions: permissionsOfRole(grant.role) }));
const sessionResponse = z.object({
  actor: z.string(),
  isAdmin: z.boolean(),
  grants: z.array(grantWithPermissions),
  csrfToken: z.string().optional(),
  mustChangePassword: z.boolean(),
  /** The account has no authenticator yet: it enrols one before anything else. */
  mustEnrolSecondFactor: z.boolean(),
});

/** Sign-in, sign-out, the current session and password change, under /api/v1. */
export function accessRoutes(
  access: AccessService,
  options: { signInPerMinute: number },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/session',
      {
        config: {
          rule: 'public',
          // Across instances: guesses spread over instances behind a proxy gain nothing.
          rateLimit: {
            max: options.signInPerMinute,
            timeWindow: '1 minute',
            acrossInstances: true,
          },
        },
        schema: {
          tags: ['session'],
          description:
            'Sign in with a password and, where the account has one, the authenticator code.',
          body: z.object({
            username: z.string().min(1).max(64),
            password: z.string().min(1).max(1024),
            totp: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
          }),
          response: { 200: sessionResponse },
        },
      },
      async (request, reply) => {
        const session = await access.signIn(request.body, request.id);
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'strict',
          // Secure whenever the request came over TLS (directly, or through a trusted proxy).
          secure: request.protocol === 'https',
          path: '/',
          maxAge: session.maxAgeSeconds,
        });
        return {
          actor: session.actor.id,
          isAdmin: session.actor.isAdmin,
          grants: grantsShown(session.actor.grants),
          csrfToken: session.csrfToken,
          mustChangePassword: session.mustChangePassword,
          mustEnrolSecondFactor: session.mustEnrolSecondFactor,
        };
      },
    );

    app.get(
      '/session',
      {
        config: { rule: 'signed-in' },
        schema: {
          tags: ['session'],
          description:
            'The caller, its roles and, for a cookie session, its CSRF token (so that a reloaded page can write again).',
          response: { 200: sessionResponse },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const session = request.cookieSession;
        return {
          actor: actor.id,
          isAdmin: actor.isAdmin,
          grants: grantsShown(actor.grants),
          ...(session ? { csrfToken: session.csrfToken } : {}),
          mustChangePassword: session?.mustChangePassword ?? false,
          mustEnrolSecondFactor: session?.mustEnrolSecondFactor ?? false,
        };
      },
    );

    app.delete(
      '/session',
      {
        config: { rule: 'signed-in' },
        schema: { tags: ['session'], response: { 204: z.null().describe('Signed out') } },
      },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await access.signOut(token);
        return reply.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).send(null);
      },
    );

    app.post(
      '/mechanisms/:mechanism/break-glass',
      {
        config: { rule: 'signed-in' },
        schema: {
          tags: ['session'],
          description:
            'Emergency access to the lists of a mechanism, for a stated reason, for at most an hour. Logged, flagged and reported.',
          params: z.object({ mechanism: z.string().min(1).max(200) }),
          body: z.object({
            reason: z.string().min(20).max(2000),
            minutes: z.number().int().min(1).max(60).default(30),
          }),
          response: {
            201: z.object({ id: z.string(), mechanismId: z.string(), expiresAt: z.string() }),
          },
        },
      },
      async (request, reply) => {
        const opened = await access.breakGlass(actorOf(request), {
          mechanism: request.params.mechanism,
          ...request.body,
        });
        return reply.status(201).send({ ...opened, expiresAt: opened.expiresAt.toISOString() });
      },
    );

    app.get(
      '/audit/break-glass',
      {
        config: { rule: 'audit.verify' },
        schema: {
          tags: ['audit'],
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  username: z.string(),
                  mechanism: z.string(),
                  reason: z.string(),
                  startedAt: z.string(),
                  expiresAt: z.string(),
                  actions: z.number(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({
        items: (await access.breakGlassReport(actorOf(request))).map((row) => ({
          ...row,
          startedAt: row.startedAt.toISOString(),
          expiresAt: row.expiresAt.toISOString(),
        })),
      }),
    );

    app.post(
      '/session/second-factor',
      {
        config: { rule: 'signed-in' },
        schema: {
          tags: ['session'],
          description:
            "Starts the enrolment of an authenticator for the signed-in person's account, which has none: a new secret, shown once (and as an otpauth:// URI for a QR code), kept aside until a code from it confirms it.",
          response: { 201: z.object({ secret: z.string(), totpUri: z.string() }) },
        },
      },
      async (request, reply) => {
        const { secret, totpUri } = await access.startEnrolment(actorOf(request));
        return reply.status(201).send({ secret, totpUri });
      },
    );

    app.post(
      '/session/second-factor/confirmation',
      {
        config: { rule: 'signed-in' },
        schema: {
          tags: ['session'],
          description:
            'Confirms the authenticator being enrolled with a code it shows; from then on every sign-in needs a code.',
          body: z.object({ code: z.string().regex(/^\d{6}$/, 'six digits') }),
          response: { 200: z.object({ hasSecondFactor: z.literal(true) }) },
        },
      },
      async (request) => {
        await access.confirmEnrolment(actorOf(request), { code: request.body.code });
        return { hasSecondFactor: true as const };
      },
    );

    app.post(
      '/session/password',
      {
        config: { rule: 'signed-in' },
        schema: {
          tags: ['session'],
          body: z.object({ current: z.string().max(1024), next: z.string().max(1024) }),
          response: { 204: z.null().describe('Changed') },
        },
      },
      async (request, reply) => {
        await access.changePassword(
          actorOf(request),
          request.body,
          request.cookies[SESSION_COOKIE],
        );
        return reply.status(204).send(null);
      },
    );
  };
}
