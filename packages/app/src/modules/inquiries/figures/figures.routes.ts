import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { INQUIRY_STATUSES } from '@parley/kernel/inquiry';
import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { mechanismParams, partyQuery } from '../inquiries.schemas.ts';
import { FIGURE_UNITS } from './domain/figures.ts';
import type { InquiryFigures } from './figures.service.ts';

const series = z.array(
  z.object({
    at: z.string(),
    counts: z.record(z.enum(INQUIRY_STATUSES), z.number().int()),
  }),
);
const firstAnswer = z.object({
  inquiries: z.number().int(),
  answered: z.number().int(),
  medianDays: z.number().nullable(),
  distribution: z
    .array(z.object({ upToDays: z.number().int().nullable(), count: z.number().int() }))
    .describe('inquiries answered within each number of days; the last (upToDays null) beyond'),
});
const figuresResponse = z.object({
  generatedAt: z.string(),
  unit: z.enum(FIGURE_UNITS),
  counted: z.enum(['all', 'shared_with_mediator', 'shared_with_icrc']),
  parties: z.array(z.object({ party: z.string(), series, firstAnswer })),
  total: z.object({ series, firstAnswer }),
});

/** The figures of families' inquiries, under /api/v1. */
export function figuresRoutes(figures: InquiryFigures): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/mechanisms/:mechanism/inquiries/figures',
      {
        config: { rule: 'inquiry.read' },
        schema: {
          tags: ['inquiries'],
          description:
            "Inquiries by status over time and the days from each inquiry to its first answer (median, distribution), per party and in all: a party's bureau its own, the mediator and the verifier those families shared with them. Counts only.",
          params: mechanismParams,
          querystring: partyQuery.extend({ unit: z.enum(FIGURE_UNITS).default('week') }),
          response: { 200: figuresResponse },
        },
      },
      async (request) =>
        figures.figures(actorOf(request), {
          mechanism: request.params.mechanism,
          ...request.query,
        }),
    );
  };
}
