import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/domain/index.ts';
import {
  createMechanismBody,
  mechanismParams,
  mechanismResponse,
  presentMechanism,
} from './mechanisms.schemas.ts';
import type { MechanismsService } from './mechanisms.service.ts';

/** The mechanism endpoints under /api/v1. */
export function mechanismRoutes(mechanisms: MechanismsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/mechanisms',
      {
        config: { rule: 'signed-in' },
        schema: {
          tags: ['mechanisms'],
          response: { 200: z.object({ items: z.array(mechanismResponse) }) },
        },
      },
      async (request) => ({
        items: (await mechanisms.list(actorOf(request))).map(presentMechanism),
      }),
    );
    app.post(
      '/mechanisms',
      {
        config: { rule: 'mechanism.create' },
        schema: {
          tags: ['mechanisms'],
          body: createMechanismBody,
          response: { 201: mechanismResponse },
        },
      },
      async (request, reply) => {
        const created = await mechanisms.create(actorOf(request), request.body);
        return reply.status(201).send(presentMechanism(created));
      },
    );
    app.get(
      '/mechanisms/:mechanism',
      {
        config: { rule: 'mechanism.read' },
        schema: {
          tags: ['mechanisms'],
          params: mechanismParams,
          response: { 200: mechanismResponse },
        },
      },
      async (request) =>
        presentMechanism(await mechanisms.get(actorOf(request), request.params.mechanism)),
    );
  };
}
