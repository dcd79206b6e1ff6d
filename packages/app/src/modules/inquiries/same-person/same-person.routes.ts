import { CHANNELS, INQUIRY_STATUSES, samePersonDecisionBody } from '@parley/kernel/inquiry';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import {
  inquirerResponse,
  mechanismParams,
  pairParams,
  partyQuery,
  soughtPersonResponse,
} from '../inquiries.schemas.ts';
import type { SamePersonReview } from './same-person.service.ts';

const P = '/mechanisms/:mechanism/inquiries/same-person';
const tags = ['inquiries'];
const RULE = { rule: 'inquiry.register' } as const;

const queueQuery = partyQuery.extend({
  state: z.enum(['waiting', 'decided']).default('waiting'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const pairStatus = z.enum(['matched', 'proposed', 'confirmed', 'rejected']);
/** One side of a pair: its inquiry and sought person (all null if the inquiry is gone). */
const pairSide = z.object({
  id: z.string(),
  number: z.string().nullable(),
  channel: z.enum(CHANNELS).nullable(),
  receivedOn: z.string().nullable(),
  status: z.enum(INQUIRY_STATUSES).nullable(),
  sought: soughtPersonResponse.nullable(),
});
const pairResponse = z.object({
  id: z.string(),
  party: z.string(),
  status: pairStatus,
  probability: z.number(),
  foundAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  inquiry: pairSide,
  other: pairSide,
});
const queueResponse = z.object({ total: z.number().int(), pairs: z.array(pairResponse) });
const pairShownResponse = pairResponse.extend({
  readsInquirer: z.boolean(),
  inquirers: z.object({
    inquiry: inquirerResponse.nullable(),
    other: inquirerResponse.nullable(),
  }),
  explanation: z
    .array(
      z.object({
        field: z.string(),
        code: z
          .string()
          .describe("the level's stable code: same, form, jw-0.92, different, missing..."),
        label: z.string(),
        weight: z.number().describe('bits for the pair when positive, against it when negative'),
      }),
    )
    .describe('how the engine compares each field of the two sought persons'),
});
const decidedResponse = z.object({
  id: z.string(),
  status: z.enum(['confirmed', 'rejected']),
  reason: z.string().nullable(),
  decidedAt: z.string(),
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
          response: { 200: queueResponse },
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
          response: { 200: pairShownResponse },
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
          response: { 200: decidedResponse },
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
