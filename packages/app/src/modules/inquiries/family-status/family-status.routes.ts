import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { mechanismParams } from '@parley/kernel/http';
import {
  LANGUAGES,
  familyCodeBody,
  familyCodeResponse,
  familyStatusResponse,
} from '@parley/kernel/inquiry';
import { actorOf } from '../../access/index.ts';
import { LETTER_KINDS } from './domain/family-letter.ts';
import { FAMILY_CODE_DAYS, type FamilyStatusService } from './family-status.service.ts';
import { fileResponse } from '../../../platform/http/file-response.ts';

const CODES = '/mechanisms/:mechanism/inquiries/:inquiry/family-codes';
const tags = ['inquiries'];

export interface FamilyStatusRouteOptions {
  /** Attempts at the public page a client has a minute, counted across instances. */
  viewsPerMinute: number;
}

/**
 * Under /api/v1: the bureau's codes for families (issue, list, revoke), and the family's public
 * status page, which takes the code in the body so that it stays out of addresses and logs.
 */
export function familyStatusRoutes(
  family: FamilyStatusService,
  options: FamilyStatusRouteOptions,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      CODES,
      {
        config: { rule: 'inquiry.register' },
        schema: {
          tags,
          description:
            "Issues a code with which the inquirer's family follows this inquiry on the public status page. The answer is the only time the code is shown.",
          params: mechanismParams.extend({ inquiry: z.uuid() }),
          body: z
            .object({
              days: z
                .number()
                .int()
                .min(1)
                .max(FAMILY_CODE_DAYS.max)
                .optional()
                .describe(`how long the code holds; ${FAMILY_CODE_DAYS.default} days by default`),
            })
            .default({}),
          response: {
            201: z.object({
              id: z.uuid(),
              inquiryId: z.uuid(),
              code: z.string(),
              expiresAt: z.string(),
            }),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await family.issue(actorOf(request), {
            mechanism: request.params.mechanism,
            inquiry: request.params.inquiry,
            days: request.body.days,
          }),
        ),
    );
    app.get(
      CODES,
      {
        config: { rule: 'inquiry.register' },
        schema: {
          tags,
          description:
            "An inquiry's family codes: issued, expiring, revoked, used (never the codes).",
          params: mechanismParams.extend({ inquiry: z.uuid() }),
          response: { 200: z.array(familyCodeResponse) },
        },
      },
      async (request) =>
        family.list(actorOf(request), request.params.mechanism, request.params.inquiry),
    );
    app.post(
      '/mechanisms/:mechanism/inquiries/family-codes/:code/revoke',
      {
        config: { rule: 'inquiry.register' },
        schema: {
          tags,
          description: 'Revokes a family code: the status page no longer opens with it.',
          params: mechanismParams.extend({ code: z.uuid() }),
          response: { 200: familyCodeResponse },
        },
      },
      async (request) =>
        family.revoke(actorOf(request), {
          mechanism: request.params.mechanism,
          code: request.params.code,
        }),
    );
    app.get(
      '/mechanisms/:mechanism/inquiries/:inquiry/letters/:kind',
      {
        config: { rule: 'inquiry.inquirer' },
        schema: {
          tags,
          description:
            "A letter to the inquirer as PDF, from the templates: that the inquiry was received, or where it stands as the family may be told it. In the inquirer's language unless another is asked for. Audited.",
          params: mechanismParams.extend({ inquiry: z.uuid(), kind: z.enum(LETTER_KINDS) }),
          querystring: z.object({ language: z.enum(LANGUAGES).optional() }),
          response: { 200: fileResponse(['pdf']) },
        },
      },
      async (request, reply) => {
        const { pdf, fileName } = await family.letter(actorOf(request), {
          mechanism: request.params.mechanism,
          inquiry: request.params.inquiry,
          kind: request.params.kind,
          ...(request.query.language ? { language: request.query.language } : {}),
        });
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(pdf);
      },
    );
    app.post(
      '/family/status',
      {
        config: {
          rule: 'public',
          // Across instances: codes guessed through several instances gain nothing.
          rateLimit: {
            max: options.viewsPerMinute,
            timeWindow: '1 minute',
            acrossInstances: true,
          },
        },
        schema: {
          tags,
          description:
            "The family's status page: the status of the one inquiry the code opens, as the family may be told it. No sign-in; rate-limited; every view audited.",
          body: familyCodeBody,
          response: { 200: familyStatusResponse },
        },
      },
      async (request) => family.view(request.body.code, { requestId: request.id }),
    );
  };
}
