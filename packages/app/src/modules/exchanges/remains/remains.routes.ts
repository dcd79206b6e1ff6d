import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { mechanismParams } from '@parley/kernel/http';
import type { ListFileLimits } from '../../../platform/config.ts';
import { uploadedFile } from '../../../platform/http/file-upload.ts';
import { MAX_BAGS, MAX_BODIES_PER_BAG } from './bags-file.ts';
import { BAG_STATES, BATCH_STATES } from '../domain/remains.ts';
import type { RemainsService } from './remains.service.ts';

const M = '/mechanisms/:mechanism/remains';
const label = z.string().trim().min(1).max(100);
const party = z.string().regex(/^[A-Za-z]{2,8}$/);
const offered = z.object({ id: z.string(), bags: z.number(), bodies: z.number() });
const byDirection = z.record(z.string(), z.number()).describe('by direction, as `UA->RU`');
const overview = z.object({
  batches: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      from: z.string(),
      to: z.string(),
      state: z.enum(BATCH_STATES),
      bags: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          bodies: z.number(),
          state: z.enum(BAG_STATES),
          note: z.string().nullable(),
        }),
      ),
    }),
  ),
  parity: z.object({
    bodies: byDirection,
    foreign: byDirection,
    identified: byDirection,
    isBalanced: z.boolean(),
  }),
});

/** What a file of bags may be: the list files' size and limits. */
export interface RemainsUploadOptions {
  readonly maxUploadBytes: number;
  readonly listFileLimits?: ListFileLimits;
}

/** Repatriation of remains under /api/v1: batches, bags, parity of bodies. */
export function remainsRoutes(
  remains: RemainsService,
  upload: RemainsUploadOptions,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      M,
      {
        config: { rule: 'exchange.read' },
        schema: {
          tags: ['remains'],
          description:
            'Every batch with its bags, and parity of bodies between the two directions.',
          params: mechanismParams,
          response: { 200: overview },
        },
      },
      async (request) => remains.overview(actorOf(request), request.params.mechanism),
    );

    app.post(
      M,
      {
        config: { rule: 'exchange.move' },
        schema: {
          tags: ['remains'],
          description:
            "The sending party's officer offers a batch of bags, each with its count of bodies.",
          params: mechanismParams,
          body: z.object({
            from: party,
            label,
            bags: z
              .array(z.object({ label, bodies: z.number().int().min(1).max(MAX_BODIES_PER_BAG) }))
              .min(1)
              .max(MAX_BAGS),
          }),
          response: { 201: offered },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await remains.offer(actorOf(request), {
            mechanism: request.params.mechanism,
            ...request.body,
          }),
        ),
    );

    app.post(
      `${M}/file`,
      {
        config: { rule: 'exchange.move' },
        schema: {
          tags: ['remains'],
          description:
            'The sending party offers a batch whose bags are in a file (CSV or XLSX, multipart field "file"): a header with the columns label and bodies, one bag a line. All or nothing, every problem by line and column.',
          params: mechanismParams,
          querystring: z.object({
            from: party,
            label,
            encoding: z.enum(['utf-8', 'cp1251']).default('utf-8'),
          }),
          consumes: ['multipart/form-data'],
          response: { 201: offered },
        },
      },
      async (request, reply) => {
        const file = await uploadedFile(request, upload.maxUploadBytes);
        const { from, label: batchLabel, encoding } = request.query;
        return reply.status(201).send(
          await remains.offerFile(actorOf(request), {
            mechanism: request.params.mechanism,
            from,
            label: batchLabel,
            file: {
              name: file.name,
              content: file.content,
              encoding,
              maxBytes: upload.maxUploadBytes,
              ...(upload.listFileLimits ? { limits: upload.listFileLimits } : {}),
            },
          }),
        );
      },
    );

    app.post(
      `${M}/:batch/state`,
      {
        config: { rule: 'exchange.move' },
        schema: {
          tags: ['remains'],
          description:
            'The next step of a batch: accepted and received by the receiving side, transferred by the sender.',
          params: mechanismParams.extend({ batch: z.uuid() }),
          body: z.object({ to: z.enum(BATCH_STATES) }),
          response: { 200: z.object({ id: z.string(), state: z.string() }) },
        },
      },
      async (request) =>
        remains.advance(actorOf(request), {
          mechanism: request.params.mechanism,
          batchId: request.params.batch,
          to: request.body.to,
        }),
    );

    app.post(
      `${M}/bags/:bag/examination`,
      {
        config: { rule: 'exchange.move' },
        schema: {
          tags: ['remains'],
          description:
            "What a received bag held: identified, unidentified, or the other side's own dead (foreign), with a corrected count if needed.",
          params: mechanismParams.extend({ bag: z.uuid() }),
          body: z.object({
            to: z.enum(BAG_STATES),
            bodies: z.number().int().min(1).max(20).optional(),
            note: z.string().max(2000).optional(),
          }),
          response: { 200: z.object({ id: z.string(), state: z.string() }) },
        },
      },
      async (request) =>
        remains.examine(actorOf(request), {
          mechanism: request.params.mechanism,
          bagId: request.params.bag,
          ...request.body,
        }),
    );
  };
}
