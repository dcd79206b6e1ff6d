import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { mechanismParams } from '@parley/kernel/http';
import type { PersonPaths } from './person-paths.service.ts';
import { EXCEPTIONS, MAIN_PATH, SEEN_STATES } from '../domain/person-path.ts';
import { agreementParams, M, type ExchangeApp } from '../shared/index.ts';

const STATES = [...MAIN_PATH, ...EXCEPTIONS] as const;

const personResponse = z.object({
  id: z.string(),
  party: z.string().describe('the party that holds the person and hands them over'),
  receivingParty: z.string(),
  recordId: z.string(),
  category: z.string(),
  rank: z.string().nullable(),
  state: z
    .enum(SEEN_STATES)
    .describe('a party sees "cleared" or "not_cleared" instead of the wish interview\'s result'),
  stageId: z.string().nullable(),
  name: z
    .string()
    .nullable()
    .describe(
      "as the holding party's list writes it; null where the reader may not read that list",
    ),
  nameLatin: z.string().nullable(),
});
const moveResult = z.object({
  personId: z.string(),
  ok: z.boolean(),
  state: z.enum(SEEN_STATES).optional(),
  problem: z.string().optional(),
  replacement: z
    .string()
    .nullable()
    .optional()
    .describe('who took the place the person left in a proposed stage'),
});

/** Persons put on their path from an agreement, read and moved. */
export function personPathRoutes(app: ExchangeApp, exchanges: PersonPaths): void {
  app.post(
    `${M}/agreements/:agreement/paths`,
    {
      config: { rule: 'exchange.manage' },
      schema: {
        tags: ['exchanges'],
        description:
          "Puts every person the agreement makes eligible on each party's latest held list on the path to handover.",
        params: agreementParams,
        response: { 200: z.object({ eligible: z.number(), added: z.number() }) },
      },
    },
    async (request) =>
      exchanges.openPaths(actorOf(request), {
        mechanism: request.params.mechanism,
        agreement: request.params.agreement,
      }),
  );

  app.get(
    `${M}/agreements/:agreement/persons`,
    {
      config: { rule: 'exchange.read' },
      schema: {
        tags: ['exchanges'],
        params: agreementParams,
        querystring: z.object({
          state: z.enum(STATES).optional(),
          party: z
            .string()
            .regex(/^[A-Za-z]{2,8}$/)
            .optional(),
        }),
        response: { 200: z.object({ items: z.array(personResponse) }) },
      },
    },
    async (request) => ({
      items: await exchanges.persons(actorOf(request), {
        ...request.params,
        ...request.query,
      }),
    }),
  );

  app.post(
    `${M}/moves`,
    {
      config: { rule: 'exchange.move' },
      schema: {
        tags: ['exchanges'],
        description:
          'Moves persons along their paths. Each move is checked on its own (who may make it, what it needs) and answered person by person.',
        params: mechanismParams,
        body: z.object({
          moves: z
            .array(
              z.object({
                personId: z.uuid(),
                to: z.enum(STATES),
                reason: z.string().max(2000).optional(),
                at: z.iso
                  .datetime({ offset: true })
                  .optional()
                  .describe('for a handover: when it really happened; now when absent'),
                place: z
                  .string()
                  .max(200)
                  .optional()
                  .describe("for a handover: where; the stage's place when absent"),
              }),
            )
            .min(1)
            .max(1000),
        }),
        response: { 200: z.object({ results: z.array(moveResult) }) },
      },
    },
    async (request) => ({
      results: await exchanges.move(actorOf(request), {
        mechanism: request.params.mechanism,
        moves: request.body.moves,
      }),
    }),
  );
}
