import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/index.ts';
import {
  agreementParams,
  agreementResponse,
  agreementVersionParams,
  createAgreementBody,
  definitionSchema,
  eligibilityResponse,
  presentAgreement,
  presentEligibility,
  presentTemplate,
  presentVersion,
  statusSchema,
  templateResponse,
} from './agreements.schemas.ts';
import type { AgreementsService } from './agreements.service.ts';
import type { EligibilityService } from './eligibility.service.ts';

const AGREEMENTS = '/mechanisms/:mechanism/agreements';
const AGREEMENT = `${AGREEMENTS}/:agreement`;

const outcome = z.enum(['eligible', 'not_eligible', 'undetermined']);
const listCounts = z.object({
  party: z.string(),
  kind: z.enum(['held', 'sought']),
  listVersionId: z.string(),
  listVersion: z.number(),
  lines: z.number(),
  outcomes: z.record(outcome, z.number()),
  decidedBy: z
    .record(z.string(), z.number())
    .describe('lines per deciding rule; (none): no category applies; (open): undetermined'),
});

const numberOf = (version: 'latest' | number) => (version === 'latest' ? undefined : version);

/** The agreement and eligibility endpoints under /api/v1. */
export function agreementRoutes(
  agreements: AgreementsService,
  eligibility: EligibilityService,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/agreement-templates',
      {
        config: { rule: 'signed-in' },
        schema: {
          tags: ['agreements'],
          description: 'The agreements Parley ships, to start from.',
          response: { 200: z.object({ items: z.array(templateResponse) }) },
        },
      },
      () => ({ items: agreements.templates().map(presentTemplate) }),
    );

    app.get(
      AGREEMENTS,
      {
        config: { rule: 'agreement.read' },
        schema: {
          tags: ['agreements'],
          params: agreementParams.pick({ mechanism: true }),
          response: { 200: z.object({ items: z.array(agreementResponse) }) },
        },
      },
      async (request) => ({
        items: (await agreements.list(actorOf(request), request.params.mechanism)).map(
          presentAgreement,
        ),
      }),
    );

    app.post(
      AGREEMENTS,
      {
        config: { rule: 'agreement.manage' },
        schema: {
          tags: ['agreements'],
          description:
            'Create an agreement from a template or from terms; its rules are compiled first, and a rule that does not compile is refused with its line and column.',
          params: agreementParams.pick({ mechanism: true }),
          body: createAgreementBody,
          response: { 201: agreementResponse },
        },
      },
      async (request, reply) => {
        const created = await agreements.create(
          actorOf(request),
          request.params.mechanism,
          request.body,
        );
        return reply.status(201).send(presentAgreement(created));
      },
    );

    app.get(
      AGREEMENT,
      {
        config: { rule: 'agreement.read' },
        schema: {
          tags: ['agreements'],
          params: agreementParams,
          response: { 200: agreementResponse },
        },
      },
      async (request) =>
        presentAgreement(
          await agreements.get(
            actorOf(request),
            request.params.mechanism,
            request.params.agreement,
          ),
        ),
    );

    app.put(
      AGREEMENT,
      {
        config: { rule: 'agreement.manage' },
        schema: {
          tags: ['agreements'],
          description:
            'Revise the terms: written as the next version; earlier versions never change.',
          params: agreementParams,
          body: z.object({ definition: definitionSchema }),
          response: { 201: agreementResponse.shape.versions.element },
        },
      },
      async (request, reply) => {
        const { mechanism, agreement } = request.params;
        const version = await agreements.revise(
          actorOf(request),
          mechanism,
          agreement,
          request.body.definition,
        );
        return reply.status(201).send(presentVersion(version));
      },
    );

    app.post(
      `${AGREEMENT}/status`,
      {
        config: { rule: 'agreement.manage' },
        schema: {
          tags: ['agreements'],
          params: agreementParams,
          body: z.object({ status: statusSchema }),
          response: { 200: agreementResponse },
        },
      },
      async (request) => {
        const { mechanism, agreement } = request.params;
        return presentAgreement(
          await agreements.setStatus(actorOf(request), mechanism, agreement, request.body.status),
        );
      },
    );

    app.post(
      '/mechanisms/:mechanism/eligibility/preview',
      {
        config: { rule: 'eligibility.evaluate' },
        schema: {
          tags: ['eligibility'],
          description:
            "Evaluate terms not yet saved against the mechanism's latest lists; nothing is written.",
          params: agreementParams.pick({ mechanism: true }),
          body: z.object({
            definition: definitionSchema,
            outcome: outcome.optional().describe('the outcome of the sample lines'),
            sampleSize: z.number().int().min(0).max(1000).default(100),
          }),
          response: {
            200: z.object({
              lists: z.array(listCounts),
              sample: z.array(
                eligibilityResponse.extend({
                  party: z.string(),
                  kind: z.string(),
                  listVersionId: z.string(),
                  recordId: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { definition, outcome: wanted, sampleSize } = request.body;
        return eligibility.preview(actorOf(request), {
          mechanism: request.params.mechanism,
          definition,
          sampleSize,
          ...(wanted ? { outcome: wanted } : {}),
        });
      },
    );

    app.post(
      `${AGREEMENT}/versions/:version/evaluations`,
      {
        config: { rule: 'eligibility.evaluate' },
        schema: {
          tags: ['eligibility'],
          description:
            'Decide every line of the latest lists under this version, and keep the results.',
          params: agreementVersionParams,
          response: {
            201: z.object({
              evaluationId: z.string(),
              agreementVersionId: z.string(),
              lists: z.array(listCounts),
            }),
          },
        },
      },
      async (request, reply) => {
        const { mechanism, agreement, version } = request.params;
        const number = numberOf(version);
        const result = await eligibility.evaluate(actorOf(request), {
          mechanism,
          agreement,
          ...(number === undefined ? {} : { version: number }),
        });
        return reply.status(201).send({
          evaluationId: result.evaluationId,
          agreementVersionId: result.version.id,
          lists: result.lists,
        });
      },
    );

    app.get(
      `${AGREEMENT}/versions/:version/eligibility`,
      {
        config: { rule: 'agreement.read' },
        schema: {
          tags: ['eligibility'],
          description: 'Counts per list (of the lists whose versions the caller may see).',
          params: agreementVersionParams,
          response: {
            200: z.object({
              agreementVersionId: z.string(),
              lists: z.array(listCounts.extend({ isEvaluated: z.boolean() })),
            }),
          },
        },
      },
      async (request) => {
        const { mechanism, agreement, version } = request.params;
        const number = numberOf(version);
        const summary = await eligibility.summary(actorOf(request), {
          mechanism,
          agreement,
          ...(number === undefined ? {} : { version: number }),
        });
        return { agreementVersionId: summary.version.id, lists: summary.lists };
      },
    );

    app.get(
      `${AGREEMENT}/versions/:version/eligibility/:party/:kind`,
      {
        config: { rule: 'eligibility.read' },
        schema: {
          tags: ['eligibility'],
          description:
            "A page of the latest list's results, in line order. A party sees its own lists.",
          params: agreementVersionParams.extend({
            party: z.string().regex(/^[A-Za-z]{2,8}$/, 'a party code such as UA'),
            kind: z.enum(['held', 'sought']),
          }),
          querystring: z.object({
            outcome: outcome.optional(),
            offset: z.coerce.number().int().min(0).default(0),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
          response: {
            200: z.object({
              agreementVersionId: z.string(),
              listVersionId: z.string().nullable(),
              total: z.number(),
              offset: z.number(),
              items: z.array(
                eligibilityResponse.extend({ recordId: z.string(), lineNumber: z.number() }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { mechanism, agreement, version, party, kind } = request.params;
        const { outcome: wanted, offset, limit } = request.query;
        const number = numberOf(version);
        const page = await eligibility.results(actorOf(request), {
          mechanism,
          agreement,
          party,
          kind,
          offset,
          limit,
          ...(number === undefined ? {} : { version: number }),
          ...(wanted ? { outcome: wanted } : {}),
        });
        return {
          agreementVersionId: page.version.id,
          listVersionId: page.listVersion?.id ?? null,
          total: page.total,
          offset,
          items: page.results.map((r) => ({
            ...presentEligibility(r),
            recordId: r.recordId,
            lineNumber: r.lineNumber,
          })),
        };
      },
    );
  };
}
