import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/index.ts';
import { RETENTION_CATEGORIES, type RetentionCategory } from './domain/retention.ts';
import type { RetentionFinding, RetentionService } from './retention.service.ts';

const CATEGORIES = Object.keys(RETENTION_CATEGORIES) as [RetentionCategory, ...RetentionCategory[]];
const RULE = { rule: 'access.manage' } as const;

const categoryResponse = z.object({
  category: z.enum(CATEGORIES),
  description: z.string().describe('what expiry does to the category'),
  days: z.number().nullable().describe('the period; null when the category is kept for ever'),
  expiredBefore: z.string().nullable(),
  due: z.number().nullable().describe('versions or sessions expired now and not yet deleted'),
  deletedRows: z.number().nullable(),
});

/** Every category with its period and, when it has one, what has expired under it. */
function present(findings: readonly RetentionFinding[]) {
  return CATEGORIES.map((category) => {
    const finding = findings.find((f) => f.category === category);
    return {
      category,
      description: RETENTION_CATEGORIES[category],
      days: finding?.days ?? null,
      expiredBefore: finding?.expiredBefore.toISOString() ?? null,
      due: finding?.objects ?? null,
      deletedRows: finding?.deletedRows ?? null,
    };
  });
}

/** Retention per data category, under /api/v1; admins only. */
export function retentionRoutes(retention: RetentionService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/retention',
      {
        config: RULE,
        schema: {
          tags: ['admin'],
          description:
            'Each data category, its retention period and what has expired under it now (nothing is deleted).',
          response: { 200: z.object({ items: z.array(categoryResponse) }) },
        },
      },
      async (request) => ({
        items: present(await retention.run(actorOf(request), { apply: false })),
      }),
    );

    app.put(
      '/retention/:category',
      {
        config: RULE,
        schema: {
          tags: ['admin'],
          description: "Sets a category's retention period, in days.",
          params: z.object({ category: z.enum(CATEGORIES) }),
          body: z.object({ days: z.number().int().min(1).max(36_500) }),
          response: { 200: z.object({ category: z.string(), days: z.number() }) },
        },
      },
      async (request) => {
        await retention.setPolicy(actorOf(request), request.params.category, request.body.days);
        return { category: request.params.category, days: request.body.days };
      },
    );

    app.post(
      '/retention/deletions',
      {
        config: RULE,
        schema: {
          tags: ['admin'],
          description:
            'Deletes what has expired in every category with a period; each deletion is in the audit log.',
          body: z.object({
            confirm: z.literal(true).describe('deletion cannot be undone: send true to go ahead'),
          }),
          response: { 200: z.object({ items: z.array(categoryResponse) }) },
        },
      },
      async (request) => ({
        items: present(await retention.run(actorOf(request), { apply: true })),
      }),
    );
  };
}
