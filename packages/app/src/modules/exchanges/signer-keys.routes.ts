import { z } from 'zod';
import { actorOf } from '../access/index.ts';
import { mechanismParams } from '@parley/kernel/http';
import type { ExchangesService } from './exchanges.service.ts';
import { M, type ExchangeApp } from './exchanges.schemas.ts';

/** The public keys people register to sign manifests and receipts with. */
export function signerKeyRoutes(app: ExchangeApp, exchanges: ExchangesService): void {
  app.get(
    `${M}/keys`,
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
      items: (await exchanges.keys(actorOf(request), request.params.mechanism)).map((k) => ({
        ...k,
        registeredAt: k.registeredAt.toISOString(),
        revokedAt: k.revokedAt?.toISOString() ?? null,
      })),
    }),
  );

  app.post(
    `${M}/keys`,
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
        await exchanges.registerKey(actor, {
          mechanism: request.params.mechanism,
          userId: actor.userId ?? '',
          publicKey: request.body.publicKey,
        }),
      );
    },
  );
}
