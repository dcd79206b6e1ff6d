import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authorize } from '../access/domain/index.ts';
import type { AuditLog } from './audit.service.ts';

const entryResponse = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  mechanismId: z.string().nullable(),
  action: z.string(),
  objectIds: z.array(z.string()),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

/** The audit log for admins: filtered entries, and verification of the whole chain. */
export function auditRoutes(audit: AuditLog): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit/entries',
      {
        config: { rule: 'audit.verify' },
        schema: {
          tags: ['audit'],
          querystring: z.object({
            actor: z.string().max(200).optional(),
            action: z.string().max(100).optional(),
            mechanism: z.uuid().optional(),
            object: z.string().max(200).optional(),
            from: z.iso.datetime().optional(),
            to: z.iso.datetime().optional(),
            afterSeq: z.coerce.number().int().min(0).default(0),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
          response: { 200: z.object({ items: z.array(entryResponse) }) },
        },
      },
      async (request) => {
        authorize(actorOf(request), 'audit.verify');
        const { mechanism, ...filter } = request.query;
        return {
          items: await audit.find({ ...filter, ...(mechanism ? { mechanismId: mechanism } : {}) }),
        };
      },
    );
    app.post(
      '/audit/verify',
      {
        config: { rule: 'audit.verify' },
        schema: {
          tags: ['audit'],
          description:
            'Recompute the hash chain and check every signed checkpoint; names the first broken entry.',
          response: {
            200: z.object({
              ok: z.boolean(),
              entries: z.number(),
              checkpoints: z.number(),
              lastHash: z.string().optional(),
              seq: z.number().optional(),
              problem: z.string().optional(),
            }),
          },
        },
      },
      async (request) => {
        authorize(actorOf(request), 'audit.verify');
        return audit.verify();
      },
    );
  };
}
