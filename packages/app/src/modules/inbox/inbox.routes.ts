import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EMERGENCY_ROLE, ROLES } from '@parley/kernel/access';
import { actorOf } from '../access/index.ts';
import { INBOX_KINDS } from './domain/inbox.ts';
import type { InboxService } from './inbox.service.ts';

const item = z.object({
  kind: z.enum(INBOX_KINDS),
  mechanismId: z.string(),
  mechanismName: z.string(),
  role: z.enum([...ROLES, EMERGENCY_ROLE]),
  party: z.string().nullable(),
  count: z.number().int(),
  path: z.string().describe("the screen within the role's workspace where it is done"),
  stage: z.object({ number: z.number(), date: z.string() }).optional(),
  state: z.string().optional(),
  document: z.string().optional(),
  point: z.string().optional(),
  parties: z.array(z.string()).optional(),
  at: z.string().optional(),
});

/** `GET /inbox`: what waits for the signed-in user, in each role it holds. */
export function inboxRoutes(inbox: InboxService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/inbox',
      {
        config: { rule: 'signed-in' },
        schema: {
          tags: ['session'],
          description:
            'What waits for you in each role you hold, across mechanisms: manifests and receipts to sign, receipts to issue or confirm, persons at your step, pairs and matches to review, points to answer, outcome lists released to you. Counts only.',
          response: { 200: z.object({ total: z.number().int(), items: z.array(item) }) },
        },
      },
      async (request) => inbox.inboxOf(actorOf(request)),
    );
  };
}
