import { z } from 'zod';
import { mechanismParams } from '@parley/kernel/http';
import { actorOf } from '../../access/index.ts';
import { lineResponse } from '../../registry/index.ts';
import type { PersonFile } from './person-file.service.ts';
import { SEEN_STATES } from '../domain/person-path.ts';
import { STAGE_STATUSES } from '../domain/stage-status.ts';
import { M, type ExchangeApp } from '../shared/index.ts';

const contribution = z.object({
  field: z.string(),
  level: z.number(),
  label: z.string(),
  code: z.string().optional(),
  weight: z.number(),
  termFrequencyAdjustment: z.number(),
});
const side = z.object({ party: z.string(), kind: z.string(), line: lineResponse.nullable() });
/** A state as the reader's role sees it: a party sees cleared or not cleared, not the steps between. */
const seenState = z.enum(SEEN_STATES);

const fileResponse = z.object({
  person: z.object({
    id: z.string(),
    agreementId: z.string(),
    party: z.string(),
    receivingParty: z.string(),
    recordId: z.string(),
    category: z.string(),
    rank: z.string().nullable(),
    state: seenState,
    name: z.string().nullable(),
    nameLatin: z.string().nullable(),
  }),
  stage: z
    .object({
      id: z.string(),
      number: z.number(),
      place: z.string(),
      date: z.string(),
      status: z.enum(STAGE_STATUSES),
    })
    .nullable(),
  held: lineResponse.nullable().describe("the holding party's line, for those who may read it"),
  match: z
    .object({
      outcome: z.string().nullable(),
      pair: z
        .object({
          id: z.string(),
          kind: z.enum(['link', 'duplicate']),
          status: z.enum(['matched', 'open', 'confirmed', 'rejected']),
          reopened: z.boolean(),
          engineDecision: z.enum(['match', 'possible']),
          leftRecordId: z.string(),
          rightRecordId: z.string(),
          weight: z.number(),
          probability: z.number(),
          contributions: z.array(contribution),
          prior: z.number().nullable(),
          rivals: z.number().nullable(),
          left: side,
          right: side,
        })
        .nullable(),
    })
    .nullable()
    .describe('the latest reconciliation, for the mediator and the verifier'),
  eligibility: z
    .object({
      outcome: z.string(),
      decidedBy: z.string().nullable(),
      clause: z.string().nullable(),
      categories: z.array(z.string()),
      missing: z.array(z.string()),
    })
    .nullable(),
  path: z.array(
    z.object({
      from: seenState,
      to: seenState,
      reason: z.string().nullable(),
      actor: z.string(),
      at: z.string(),
    }),
  ),
  receipt: z
    .object({
      id: z.string(),
      hash: z.string(),
      issuedAt: z.string(),
      required: z.array(z.object({ role: z.string(), party: z.string().nullable() })),
      signatures: z.array(
        z.object({
          role: z.string(),
          party: z.string().nullable(),
          signer: z.string(),
          signedAt: z.string(),
        }),
      ),
    })
    .nullable(),
});

/** One person's whole file. */
export function personFileRoutes(app: ExchangeApp, exchanges: PersonFile): void {
  app.get(
    `${M}/persons/:person/file`,
    {
      config: { rule: 'exchange.read' },
      schema: {
        tags: ['exchanges'],
        description:
          "A person's file: the holding party's line, the match and why, eligibility and its clause, each move and who made it, the receipt; each part for the roles that may read it, every read audited.",
        params: mechanismParams.extend({ person: z.uuid() }),
        response: { 200: fileResponse },
      },
    },
    async (request) => {
      const file = await exchanges.personFile(actorOf(request), {
        mechanism: request.params.mechanism,
        personId: request.params.person,
      });
      const pair = file.match?.pair;
      return {
        ...file,
        match: file.match && {
          outcome: file.match.outcome,
          pair: pair
            ? {
                ...pair,
                contributions: pair.contributions as z.infer<typeof contribution>[],
              }
            : null,
        },
      };
    },
  );
}
