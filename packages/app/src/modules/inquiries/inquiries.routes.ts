import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/index.ts';
import { presentVersion } from '../registry/index.ts';
import {
  closeBody,
  decisionBody,
  inquiriesQuery,
  inquiryBody,
  inquiryParams,
  matchParams,
  partyQuery,
  mechanismParams,
  closedResponse,
  inquiriesResponse,
  inquiryDetailResponse,
  inquiryResponse,
  keptSoughtListResponse,
  matchDecidedResponse,
  matchResponse,
  soughtListPreviewResponse,
} from './inquiries.schemas.ts';
import type { InquiriesService } from './inquiries.service.ts';

const I = '/mechanisms/:mechanism/inquiries';
const tags = ['inquiries'];

/** Families' inquiries under /api/v1: register, read, close; the mediator's review of matches. */
export function inquiryRoutes(inquiries: InquiriesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      I,
      {
        config: { rule: 'inquiry.register' },
        schema: {
          tags,
          description:
            "Registers a family's inquiry: the inquirer, the sought person, consent and sharing; it is matched at once.",
          params: mechanismParams,
          body: inquiryBody,
          response: { 201: inquiryResponse },
        },
      },
      async (request, reply) => {
        const { party, ...input } = request.body;
        const [created] = await inquiries.register(
          actorOf(request),
          { mechanism: request.params.mechanism, ...(party ? { party } : {}) },
          [input],
        );
        // One inquiry in, one out: register refuses the whole batch on a line it cannot take.
        return reply.status(201).send(created!);
      },
    );
    app.get(
      I,
      {
        config: { rule: 'inquiry.read' },
        schema: {
          tags,
          description:
            "A page of a party's inquiries, by status; the mediator and the ICRC see those shared with them. Audited.",
          params: mechanismParams,
          querystring: inquiriesQuery,
          response: { 200: inquiriesResponse },
        },
      },
      async (request) =>
        inquiries.list(actorOf(request), { mechanism: request.params.mechanism, ...request.query }),
    );
    app.get(
      `${I}/sought-list`,
      {
        config: { rule: 'inquiry.register' },
        schema: {
          tags,
          description:
            "What the party's next sought list, built from its open inquiries, would change against its latest version.",
          params: mechanismParams,
          querystring: partyQuery,
          response: { 200: soughtListPreviewResponse },
        },
      },
      async (request) =>
        inquiries.previewSoughtList(actorOf(request), {
          mechanism: request.params.mechanism,
          ...request.query,
        }),
    );
    app.post(
      `${I}/sought-list`,
      {
        config: { rule: 'inquiry.register' },
        schema: {
          tags,
          description:
            "Keeps the party's sought list built from its open inquiries as the list's next version.",
          params: mechanismParams,
          querystring: partyQuery,
          response: { 201: keptSoughtListResponse },
        },
      },
      async (request, reply) => {
        const kept = await inquiries.keepSoughtList(actorOf(request), {
          mechanism: request.params.mechanism,
          ...request.query,
        });
        return reply.status(201).send({ ...kept, version: presentVersion(kept.version) });
      },
    );
    app.get(
      `${I}/review`,
      {
        config: { rule: 'inquiry.review' },
        schema: {
          tags,
          description: 'Doubtful matches of inquiries waiting for the mediator.',
          params: mechanismParams,
          response: { 200: z.array(matchResponse) },
        },
      },
      async (request) => inquiries.reviewQueue(actorOf(request), request.params.mechanism),
    );
    app.get(
      `${I}/:inquiry`,
      {
        config: { rule: 'inquiry.read' },
        schema: {
          tags,
          description:
            "One inquiry with its status history and matches; the inquirer for the party's bureau only. Audited.",
          params: inquiryParams,
          response: { 200: inquiryDetailResponse },
        },
      },
      async (request) =>
        inquiries.get(actorOf(request), request.params.mechanism, request.params.inquiry),
    );
    app.post(
      `${I}/:inquiry/close`,
      {
        config: { rule: 'inquiry.register' },
        schema: {
          tags,
          description: 'Closes an inquiry with the reason.',
          params: inquiryParams,
          body: closeBody,
          response: { 200: closedResponse },
        },
      },
      async (request) =>
        inquiries.close(actorOf(request), {
          mechanism: request.params.mechanism,
          inquiry: request.params.inquiry,
          ...request.body,
        }),
    );
    app.post(
      `${I}/matches/:match/decision`,
      {
        config: { rule: 'inquiry.review' },
        schema: {
          tags,
          description: 'The mediator confirms or rejects a doubtful match.',
          params: matchParams,
          body: decisionBody,
          response: { 200: matchDecidedResponse },
        },
      },
      async (request) =>
        inquiries.decide(actorOf(request), {
          mechanism: request.params.mechanism,
          match: request.params.match,
          decision: request.body.decision,
        }),
    );
  };
}
