import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { newUserBody } from '@parley/kernel/access';
import { z } from 'zod';
import { actorOf } from './domain/authorize.ts';
import type { AccessService } from './access.service.ts';
import { ROLES } from './domain/permissions.ts';
import { storedGrantResponse as grantSchema, roleResponse } from './access.schemas.ts';

const grantBody = z.object({
  mechanism: z.string().min(1).max(200),
  role: z.enum(ROLES),
  party: z.string().min(1).max(10).optional(),
});
const userParams = z.object({ username: z.string().min(1).max(64) });
const credentialsResponse = z.object({
  username: z.string(),
  password: z.string().nullable().describe('null for a service account, which has none'),
  totpUri: z.string().nullable(),
});
const userResponse = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  isService: z.boolean(),
  hasSecondFactor: z.boolean(),
  lockedUntil: z.string().nullable(),
  disabledAt: z.string().nullable(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  grants: z.array(grantSchema),
});
const tokenResponse = z.object({
  id: z.string(),
  name: z.string(),
  username: z.string(),
  mechanismId: z.string(),
  role: roleResponse,
  party: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  isActive: z.boolean(),
});

const iso = (date: Date | null) => date?.toISOString() ?? null;
const RULE = { rule: 'access.manage' } as const;
// Tokens: a person's own, or (for an admin) a service account's; the service checks which.
const SIGNED_IN = { rule: 'signed-in' } as const;

/** The administration of accounts, roles and API tokens, under /api/v1; admins only. */
export function accessAdminRoutes(access: AccessService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/users',
      {
        config: RULE,
        schema: { tags: ['admin'], response: { 200: z.object({ items: z.array(userResponse) }) } },
      },
      async (request) => ({
        items: (await access.listUsers(actorOf(request))).map((user) => ({
          ...user,
          lockedUntil: iso(user.lockedUntil),
          disabledAt: iso(user.disabledAt),
          createdAt: user.createdAt.toISOString(),
        })),
      }),
    );

    app.post(
      '/users',
      {
        config: RULE,
        schema: {
          tags: ['admin'],
          description:
            'Adds a person with a one-time password and, unless `secondFactor` is false, an authenticator secret, both shown once (without one, the person enrols an authenticator at the first sign-in); or, with `service`, a service account: no password, no sign-in, only the tokens an admin makes for it.',
          body: newUserBody,
          response: { 201: credentialsResponse.extend({ id: z.string() }) },
        },
      },
      async (request, reply) => {
        const { secondFactor, service, ...user } = request.body;
        if (service) {
          const { displayName, username } = user;
          const created = await access.addServiceAccount(actorOf(request), {
            username,
            ...(displayName ? { displayName } : {}),
          });
          return reply.status(201).send({ ...created, password: null, totpUri: null });
        }
        const created = await access.addUser(actorOf(request), { ...user, withTotp: secondFactor });
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/users/:username/grants',
      {
        config: RULE,
        schema: {
          tags: ['admin'],
          params: userParams,
          body: grantBody,
          response: { 201: grantSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await access.grant(actorOf(request), {
            username: request.params.username,
            ...request.body,
          }),
        ),
    );

    app.post(
      '/users/:username/grants/revoke',
      {
        config: RULE,
        schema: {
          tags: ['admin'],
          description: 'Takes a role away; the tokens made for it are revoked with it.',
          params: userParams,
          body: grantBody,
          response: { 200: grantSchema },
        },
      },
      async (request) =>
        access.revokeGrant(actorOf(request), {
          username: request.params.username,
          ...request.body,
        }),
    );

    app.post(
      '/users/:username/disabled',
      {
        config: RULE,
        schema: {
          tags: ['admin'],
          description:
            "Disables a user (sessions end, tokens are revoked) or enables them again. The last enabled admin can't be disabled.",
          params: userParams,
          body: z.object({ disabled: z.boolean() }),
          response: { 200: z.object({ username: z.string(), disabled: z.boolean() }) },
        },
      },
      async (request) =>
        access.setUserDisabled(actorOf(request), {
          username: request.params.username,
          disabled: request.body.disabled,
        }),
    );

    app.post(
      '/users/:username/reset',
      {
        config: RULE,
        schema: {
          tags: ['admin'],
          description:
            'A new one-time password and, with `secondFactor`, a new authenticator secret; every session of the user ends.',
          params: userParams,
          body: z.object({ secondFactor: z.boolean().default(false) }),
          response: { 200: credentialsResponse },
        },
      },
      async (request) =>
        access.resetUser(actorOf(request), {
          username: request.params.username,
          newSecondFactor: request.body.secondFactor,
        }),
    );

    app.get(
      '/tokens',
      {
        config: SIGNED_IN,
        schema: {
          tags: ['tokens'],
          description:
            "Every token for an admin; a person's own tokens for anyone else. Never the token itself.",
          querystring: z.object({ username: z.string().min(1).max(64).optional() }),
          response: { 200: z.object({ items: z.array(tokenResponse) }) },
        },
      },
      async (request) => ({
        items: (await access.listTokens(actorOf(request), request.query.username)).map((t) => ({
          ...t,
          createdAt: t.createdAt.toISOString(),
          expiresAt: t.expiresAt.toISOString(),
          revokedAt: iso(t.revokedAt),
        })),
      }),
    );

    app.post(
      '/tokens',
      {
        config: SIGNED_IN,
        schema: {
          tags: ['tokens'],
          description:
            "A token for one of the signed-in person's own roles; or, for an admin, for one of a service account's roles (`username`). A token acting as a person is made by that person only. Shown once, stored as a hash.",
          body: grantBody.extend({
            username: z.string().min(1).max(64).optional(),
            name: z.string().min(1).max(200),
            days: z.number().int().min(1).max(366).default(30),
          }),
          response: {
            201: z.object({ id: z.string(), token: z.string(), expiresAt: z.string() }),
          },
        },
      },
      async (request, reply) => {
        const created = await access.createToken(actorOf(request), request.body);
        return reply.status(201).send({ ...created, expiresAt: created.expiresAt.toISOString() });
      },
    );

    app.delete(
      '/tokens/:id',
      {
        config: SIGNED_IN,
        schema: {
          tags: ['tokens'],
          description: 'Revokes a token: one of your own, or any for an admin.',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null().describe('Revoked') },
        },
      },
      async (request, reply) => {
        await access.revokeToken(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
