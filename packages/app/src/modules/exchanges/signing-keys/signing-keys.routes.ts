import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { mechanismParams } from '@parley/kernel/http';
import type { SigningKeysService } from './signing-keys.service.ts';

/**
 * Signing keys under /api/v1: each person registers their own public key, anyone who verifies
 * lists them, and an admin revokes one.
 */
export function signingKeyRoutes(keys: SigningKeysService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/mechanisms/:mechanism/keys',
      {
        config: { rule: 'mechanism.read' },
        schema: {
          tags: ['exchanges'],
          description: 'The public keys registered in the mechanism, to verify manifests with.',
          params: mechanismParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  keyId: z.string(),
                  username: z.string(),
                  publicKey: z.string(),
                  registeredAt: z.string(),
                  registeredBy: z
                    .string()
                    .describe('who registered it: the owner, or the operator for them'),
                  revokedAt: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({
        items: (await keys.keys(actorOf(request), request.params.mechanism)).map((k) => ({
          ...k,
          registeredAt: k.registeredAt.toISOString(),
          revokedAt: k.revokedAt?.toISOString() ?? null,
        })),
      }),
    );

    app.post(
      '/mechanisms/:mechanism/keys',
      {
        config: { rule: 'exchange.sign' },
        schema: {
          tags: ['exchanges'],
          description:
            'Registers the public half of your own Ed25519 key (PEM, or SPKI DER in base64). The private key stays with you.',
          params: mechanismParams,
          body: z.object({ publicKey: z.string().min(40).max(2000) }),
          response: { 201: z.object({ keyId: z.string() }) },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return reply.status(201).send(
          await keys.registerKey(actor, {
            mechanism: request.params.mechanism,
            userId: actor.userId ?? '',
            publicKey: request.body.publicKey,
          }),
        );
      },
    );

    app.post(
      '/mechanisms/:mechanism/keys/:key/revocation',
      {
        config: { rule: 'access.manage' },
        schema: {
          tags: ['admin'],
          description:
            'Revokes a registered signing key, with the reason: it signs nothing more, and its signatures no longer verify against the mechanism.',
          params: mechanismParams.extend({ key: z.string().regex(/^[0-9a-f]{16}$/) }),
          body: z.object({ reason: z.string().min(3).max(2000) }),
          response: { 200: z.object({ keyId: z.string(), revokedAt: z.string() }) },
        },
      },
      async (request) => {
        const revoked = await keys.revoke(actorOf(request), {
          mechanism: request.params.mechanism,
          keyId: request.params.key,
          reason: request.body.reason,
        });
        return { keyId: revoked.keyId, revokedAt: revoked.revokedAt.toISOString() };
      },
    );
  };
}
