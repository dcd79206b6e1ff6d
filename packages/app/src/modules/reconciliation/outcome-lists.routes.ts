import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mechanismParams } from '@parley/kernel/http';
import { actorOf } from '../access/index.ts';
import { FILE_LANGUAGES, OUTCOME_LISTS } from './domain/outcome-lists.ts';
import { fileResponse } from '../../platform/http/file-response.ts';
import { outcomeListFile } from './outcome-list-file.ts';
import type { OutcomeListsService } from './outcome-lists.service.ts';

const BASE = '/mechanisms/:mechanism/outcome-lists';
const party = z
  .string()
  .regex(/^[A-Za-z]{2,8}$/, 'a party code of 2 to 8 letters')
  .transform((p) => p.toUpperCase());
const releaseResponse = z.object({
  id: z.string(),
  runId: z.string(),
  party: z.string(),
  lists: z.array(z.enum(OUTCOME_LISTS)),
  releasedBy: z.string(),
  releasedAt: z.string(),
});

/** The outcome lists of a reconciliation: released by the mediator, read and exported by a party. */
export function outcomeListRoutes(service: OutcomeListsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      `${BASE}/releases`,
      {
        config: { rule: 'outcomes.release' },
        schema: {
          tags: ['reconciliation'],
          description:
            'Releases outcome lists of the latest finished reconciliation to one party: which of its sought persons the other side acknowledged or did not, and whom the other side holds unrequested. Audited.',
          params: mechanismParams,
          body: z.object({
            party,
            lists: z
              .array(z.enum(OUTCOME_LISTS))
              .min(1)
              .optional()
              .describe('the lists to release; all three when absent'),
          }),
          response: { 201: releaseResponse },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await service.release(actorOf(request), request.params.mechanism, request.body)),
    );

    app.get(
      `${BASE}/releases`,
      {
        config: { rule: 'outcomes.read' },
        schema: {
          tags: ['reconciliation'],
          description:
            'The releases of outcome lists the caller may know of, the latest first: all for the mediator, its own for a party.',
          params: mechanismParams,
          response: { 200: z.object({ items: z.array(releaseResponse) }) },
        },
      },
      async (request) => ({
        items: await service.releases(actorOf(request), request.params.mechanism),
      }),
    );

    app.get(
      `${BASE}/:party`,
      {
        config: { rule: 'outcomes.read' },
        schema: {
          tags: ['reconciliation'],
          description:
            'The outcome lists last released to a party, person by person: JSON, or a CSV, XLSX or PDF file in the language asked for. Each read is audited.',
          params: mechanismParams.extend({ party }),
          querystring: z.object({
            format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json'),
            lang: z.enum(FILE_LANGUAGES).default('en'),
          }),
          response: {
            200: fileResponse(
              ['csv', 'xlsx'],
              z.object({
                release: releaseResponse,
                lines: z.array(
                  z.object({
                    list: z.enum(OUTCOME_LISTS),
                    listParty: z.string(),
                    recordId: z.string(),
                    name: z.string().nullable(),
                    nameLatin: z.string().nullable(),
                    dateOfBirth: z.string().nullable(),
                    rank: z.string().nullable(),
                    serviceNumber: z.string().nullable(),
                  }),
                ),
              }),
            ),
          },
        },
      },
      async (request, reply) => {
        const found = await service.lists(actorOf(request), request.params.mechanism, {
          party: request.params.party,
        });
        const { format, lang } = request.query;
        if (format === 'json') return found;
        const date = found.release.releasedAt.slice(0, 10);
        return reply
          .header(
            'content-type',
            format === 'csv'
              ? 'text/csv; charset=utf-8'
              : format === 'pdf'
                ? 'application/pdf'
                : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header(
            'content-disposition',
            `attachment; filename="outcome-lists-${found.release.party}-${date}-${lang}.${format}"`,
          )
          .send(await outcomeListFile(found.lines, found.release, format, lang));
      },
    );
  };
}
