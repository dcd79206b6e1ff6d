import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { mechanismParams, partyQuery } from '../inquiries.schemas.ts';
import { FIGURE_UNITS } from './domain/figures.ts';
import type { InquiryFigures } from './figures.service.ts';

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
