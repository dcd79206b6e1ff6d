import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/index.ts';
import { mechanismParams } from '@parley/kernel/http';
import type { DashboardService } from './dashboard.service.ts';

const count = z.object({ party: z.string(), key: z.string(), count: z.number() });
const point = z.object({ at: z.string(), counts: z.record(z.string(), z.number()) });
const parityRow = z.object({
  category: z.string(),
  bySide: z.record(z.string(), z.number()),
  isBalanced: z.boolean(),
});

const dashboardResponse = z.object({
  mechanism: z.object({ id: z.string(), name: z.string(), parties: z.array(z.string()) }),
  viewer: z.object({
    sides: z.array(z.string()).describe('the holding parties the figures are given for'),
    party: z
      .string()
      .nullable()
      .describe('for a party role, its party: it counts the persons that party holds or receives'),
    seesWish: z.boolean().describe('false: the wish interview shows as cleared / not cleared'),
    readsExchange: z.boolean(),
    readsReconciliation: z.boolean(),
  }),
  generatedAt: z.string(),
  categoryNames: z
    .record(z.string(), z.string())
    .describe("each category id's name in its agreement's latest terms"),
  persons: z.object({ byState: z.array(count), byCategory: z.array(count) }),
  series: z.object({ byState: z.array(point), byCategory: z.array(point) }),
  parity: z.array(
    z.object({
      agreementId: z.string(),
      name: z.string(),
      isRequired: z.boolean().describe('false under all for all, which asks no parity'),
      isBalanced: z.boolean(),
      rows: z.array(parityRow),
    }),
  ),
  disputes: z.array(
    z.object({
      kind: z.enum(['not_acknowledged', 'data_mismatch', 'refuses_return', 'not_cleared']),
      party: z.string(),
      count: z.number(),
    }),
  ),
  nextStages: z.array(
    z.object({
      id: z.string(),
      agreementId: z.string(),
      agreementName: z.string(),
      number: z.number(),
      place: z.string(),
      date: z.string(),
      status: z.string(),
      bySide: z.record(z.string(), z.number()),
      isBalanced: z.boolean(),
      /** False under all for all, which asks no parity. */
      isParityRequired: z.boolean(),
    }),
  ),
  activity: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      party: z.string().optional(),
      kind: z.string().optional(),
      number: z.number().optional(),
      to: z.string().optional(),
      count: z.number().optional(),
    }),
  ),
});

/** The mechanism dashboard, under /api/v1. */
export function dashboardRoutes(dashboard: DashboardService): FastifyPluginAsyncZod {
  return async (app) => {
    const written = new WeakMap<object, Buffer>();
    app.get(
      '/mechanisms/:mechanism/dashboard',
      {
        config: { rule: 'mechanism.read' },
        schema: {
          tags: ['dashboard'],
          description:
            "The mechanism at a glance, as the caller's role may see it: persons by state and category, now and over time; parity per category; open disputes; the next stages; recent activity. Counts only, never a person. A party role counts the persons its own party holds and sees the wish interview as cleared / not cleared; the reconciliation's disputes only reach the roles that read it.",
          params: mechanismParams,
          response: { 200: dashboardResponse },
        },
      },
      async (request, reply) => {
        const found = await dashboard.dashboard(actorOf(request), request.params.mechanism);
        // Readers in one scope share an overview until it changes: it is presented and written
        // once, its bytes sent to each (issue 17).
        let body = written.get(found);
        if (!body) {
          body = Buffer.from(
            JSON.stringify(
              dashboardResponse.parse({
                ...found,
                mechanism: {
                  id: found.mechanism.id,
                  name: found.mechanism.name,
                  parties: found.mechanism.parties,
                },
                viewer: { ...found.viewer, sides: [...found.viewer.sides] },
              }),
            ),
          );
          written.set(found, body);
        }
        // Fastify sends bytes as they are, past the response schema (which the parse above applied).
        return reply
          .type('application/json; charset=utf-8')
          .send(body as unknown as z.infer<typeof dashboardResponse>);
      },
    );
  };
}
