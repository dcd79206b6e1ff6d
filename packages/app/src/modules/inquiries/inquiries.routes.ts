import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../access/index.ts';
import {
  closeBody,
  decisionBody,
  inquiriesQuery,
  inquiryBody,
  inquiryParams,
  matchParams,
  partyQuery,
  mechanismParams,
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
        },
      },
      async (request, reply) => {
        const { party, ...input } = request.body;
        const [created] = await inquiries.register(
          actorOf(request),
          { mechanism: request.params.mechanism, ...(party ? { party } : {}) },
          [input],
        );
        return reply.status(201).send(created);
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
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await inquiries.keepSoughtList(actorOf(request), {
            mechanism: request.params.mechanism,
            ...request.query,
          }),
        ),
    );
    app.get(
      `${I}/review`,
      {
        config: { rule: 'inquiry.review' },
        schema: {
          tags,
          description: 'Doubtful matches of inquiries waiting for the mediator.',
          params: mechanismParams,
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
