import {
  ERASURE_BASES,
  ERASURE_REFUSALS,
  ERASURE_REQUESTERS,
  ERASURE_SCOPES,
  erasureBody,
  legalHoldBody,
} from '@parley/kernel/inquiry';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { inquiryParams, mechanismParams, partyQuery } from '../inquiries.schemas.ts';
import type { InquiryDataProtection } from './data-protection.service.ts';

const I = '/mechanisms/:mechanism/inquiries';
const tags = ['inquiries'];
// The inquirer's own data: the party's bureau alone.
const RULE = { rule: 'inquiry.inquirer' } as const;

const holdResponse = z.object({
  id: z.string(),
  legalHold: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
});
const erasureResponse = z.object({
  id: z.string(),
  inquiryId: z.string(),
  number: z.string(),
  outcome: z.enum(['erased', 'refused']),
  refusal: z.enum(ERASURE_REFUSALS).nullable(),
  message: z.string().nullable().describe('why it was refused, in words'),
  erasedRows: z.number().int(),
});
const erasuresResponse = z.object({
  erasures: z.array(
    z.object({
      id: z.string(),
      inquiryId: z.string(),
      number: z.string(),
      scope: z.enum(ERASURE_SCOPES),
      requester: z.string().describe(ERASURE_REQUESTERS.join(', ')),
      requestedOn: z.string(),
      basis: z.string().describe(ERASURE_BASES.join(', ')),
      basisNote: z.string().nullable(),
      outcome: z.enum(['erased', 'refused']),
      refusal: z.string().nullable().describe(ERASURE_REFUSALS.join(', ')),
      recordedBy: z.string(),
      recordedAt: z.string(),
    }),
  ),
});

/** Legal holds and erasure on the inquirer's request, under /api/v1. */
export function dataProtectionRoutes(protection: InquiryDataProtection): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      `${I}/:inquiry/legal-hold`,
      {
        config: RULE,
        schema: {
          tags,
          description:
            'Puts the inquiry under a legal hold: retention and erasure leave it alone until the hold is lifted. Audited.',
          params: inquiryParams,
          body: legalHoldBody,
          response: { 200: holdResponse },
        },
      },
      async (request) =>
        protection.hold(actorOf(request), {
          mechanism: request.params.mechanism,
          inquiry: request.params.inquiry,
          reason: request.body.reason,
        }),
    );
    app.delete(
      `${I}/:inquiry/legal-hold`,
      {
        config: RULE,
        schema: {
          tags,
          description: "Lifts the inquiry's legal hold. Audited.",
          params: inquiryParams,
          response: { 200: holdResponse },
        },
      },
      async (request) =>
        protection.hold(actorOf(request), {
          mechanism: request.params.mechanism,
          inquiry: request.params.inquiry,
          reason: null,
        }),
    );
    app.post(
      `${I}/:inquiry/erasure`,
      {
        config: RULE,
        schema: {
          tags,
          description:
            "Erases the inquirer's data at their request (the inquirer's compartment, or the whole inquiry), recorded with who asked, when and the legal basis; refused with the reason under a legal hold or while a match or same-person pair waits for a decision. The record and the audit entry keep none of the data erased.",
          params: inquiryParams,
          body: erasureBody,
          response: { 201: erasureResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await protection.erase(actorOf(request), {
            mechanism: request.params.mechanism,
            inquiry: request.params.inquiry,
            ...request.body,
          }),
        ),
    );
    app.get(
      `${I}/erasures`,
      {
        config: RULE,
        schema: {
          tags,
          description:
            "The party's requests to erase inquirers' data and what came of each, latest first.",
          params: mechanismParams,
          querystring: partyQuery.extend({
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: erasuresResponse },
        },
      },
      async (request) =>
        protection.erasures(actorOf(request), {
          mechanism: request.params.mechanism,
          ...request.query,
        }),
    );
  };
}
