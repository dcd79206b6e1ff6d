import { samePersonDecisionBody } from '@parley/kernel/inquiry';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { mechanismParams, pairParams, partyQuery } from '../inquiries.schemas.ts';
import type { SamePersonReview } from './same-person.service.ts';

const P = '/mechanisms/:mechanism/inquiries/same-person';
const tags = ['inquiries'];
const RULE = { rule: 'inquiry.register' } as const;

const queueQuery = partyQuery.extend({
  state: z.enum(['waiting', 'decided']).default('waiting'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The bureau's review of possible same-person pairs of inquiries, under /api/v1. */
export function samePersonRoutes(review: SamePersonReview): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      P,
      {
        config: RULE,
        schema: {
          tags,
          description:
            "The party's pairs of inquiries the engine was unsure are about one person, oldest first (or those decided); the sought persons, no inquirers. Audited.",
          params: mechanismParams,
          querystring: queueQuery,
        },
      },
      async (request) =>
        review.queue(actorOf(request), { mechanism: request.params.mechanism, ...request.query }),
    );
    app.get(
      `${P}/:pair`,
      {
        config: RULE,
        schema: {
          tags,
          description:
            "One pair side by side with the engine's explanation, field by field; the inquirers where the role may read them (that read audited).",
          params: pairParams,
        },
      },
      async (request) =>
        review.show(actorOf(request), request.params.mechanism, request.params.pair),
    );
    app.post(
      `${P}/:pair/decision`,
      {
        config: RULE,
        schema: {
          tags,
          description:
            "The party's bureau merges two of its inquiries as about one person (confirmed) or keeps them apart (rejected, with the reason). Audited.",
          params: pairParams,
          body: samePersonDecisionBody,
        },
      },
      async (request) =>
        review.decide(actorOf(request), {
          mechanism: request.params.mechanism,
          pair: request.params.pair,
          decision: request.body.decision,
          reason: request.body.reason,
        }),
    );
  };
}
