import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/index.ts';
import { mechanismParams } from '@parley/kernel/http';
import type { SigningKeysService } from './signing-keys.service.ts';

/** The administration of registered signing keys, under /api/v1; admins only. */
export function signingKeyRoutes(keys: SigningKeysService): FastifyPluginAsyncZod {
  return async (app) => {
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
