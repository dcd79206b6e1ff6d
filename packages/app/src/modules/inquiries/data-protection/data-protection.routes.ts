import { erasureBody, legalHoldBody } from '@parley/kernel/inquiry';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { inquiryParams, mechanismParams, partyQuery } from '../inquiries.schemas.ts';
import type { InquiryDataProtection } from './data-protection.service.ts';

const I = '/mechanisms/:mechanism/inquiries';
const tags = ['inquiries'];
// The inquirer's own data: the party's bureau alone.
const RULE = { rule: 'inquiry.inquirer' } as const;

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
