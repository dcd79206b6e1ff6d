import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { mechanismParams } from '@parley/kernel/http';
import type { StageListOverride } from './stage-list-guard.service.ts';
import type { Stages } from './stages.service.ts';
import { stageDetail, stageSummary } from './stage-view.ts';
import { SEEN_STATES } from '../domain/person-path.ts';
import { STAGE_STATUSES } from '../domain/stage-status.ts';
import { agreementParams, M, stageParams, type ExchangeApp } from '../shared/index.ts';

const parityResponse = z.object({
  /** False under all for all, which asks no parity: the counts are shown as they stand. */
  isRequired: z.boolean(),
  isBalanced: z.boolean(),
  rows: z.array(
    z.object({
      category: z.string(),
      bySide: z.record(z.string(), z.number()),
      isBalanced: z.boolean(),
    }),
  ),
});

/** Stages: proposed at parity, listed, read, approved, and a person withdrawn. */
export function stageRoutes(app: ExchangeApp, exchanges: Stages & StageListOverride): void {
  app.post(
    `${M}/agreements/:agreement/stages`,
    {
      config: { rule: 'exchange.manage' },
      schema: {
        tags: ['exchanges'],
        description:
          'Proposes the next stage from the persons cleared to go, at parity under the agreement, and explains the surplus.',
        params: agreementParams,
        body: z.object({
          place: z.string().min(1).max(200),
          date: z.iso.date(),
          size: z.number().int().min(1).max(100_000).optional(),
        }),
        response: {
          201: z.object({
            stageId: z.string(),
            number: z.number(),
            selected: z.number(),
            surplus: z.array(z.object({ personId: z.string(), reason: z.string() })),
            parity: parityResponse,
          }),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await exchanges.proposeStage(actorOf(request), {
          mechanism: request.params.mechanism,
          agreement: request.params.agreement,
          ...request.body,
        }),
      ),
  );

  app.get(
    `${M}/stages`,
    {
      config: { rule: 'exchange.read' },
      schema: {
        tags: ['exchanges'],
        description: "The mechanism's stages, oldest first, each with its agreement.",
        params: mechanismParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                agreementId: z.string(),
                number: z.number(),
                place: z.string(),
                date: z.string(),
                status: z.enum(STAGE_STATUSES),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({
      items: (await exchanges.stages(actorOf(request), request.params.mechanism)).map(stageSummary),
    }),
  );

  app.get(
    `${M}/stages/:stage`,
    {
      config: { rule: 'exchange.read' },
      schema: {
        tags: ['exchanges'],
        params: stageParams,
        response: {
          200: z.object({
            id: z.string(),
            number: z.number(),
            place: z.string(),
            date: z.string(),
            status: z.enum(STAGE_STATUSES),
            parity: parityResponse,
            persons: z.array(
              z.object({
                id: z.string(),
                recordId: z.string(),
                party: z.string(),
                category: z.string(),
                state: z.enum(SEEN_STATES),
                name: z.string().nullable(),
                nameLatin: z.string().nullable(),
              }),
            ),
            listOverride: z
              .object({ by: z.string(), at: z.string(), reason: z.string().nullable() })
              .nullable()
              .describe(
                "the mediator's leave for the next list version to change this stage's persons",
              ),
            manifests: z.array(
              z.object({
                id: z.string(),
                hash: z.string(),
                supersedes: z
                  .string()
                  .nullable()
                  .describe('the manifest this one corrects, oldest first'),
              }),
            ),
          }),
        },
      },
    },
    async (request) =>
      stageDetail(
        await exchanges.stage(actorOf(request), {
          mechanism: request.params.mechanism,
          stageId: request.params.stage,
        }),
      ),
  );

  app.post(
    `${M}/stages/:stage/approval`,
    {
      config: { rule: 'exchange.manage' },
      schema: {
        tags: ['exchanges'],
        description:
          'Approves a stage at parity: its persons are assigned and its manifest is frozen for signature.',
        params: stageParams,
        response: {
          201: z.object({ manifestId: z.string(), hash: z.string(), persons: z.number() }),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await exchanges.approveStage(actorOf(request), {
          mechanism: request.params.mechanism,
          stageId: request.params.stage,
        }),
      ),
  );

  app.post(
    `${M}/stages/:stage/list-override`,
    {
      config: { rule: 'exchange.manage' },
      schema: {
        tags: ['exchanges'],
        description:
          'Allows the next held-list version to change or remove persons of this approved or executing stage; used once, audited with the reason.',
        params: stageParams,
        body: z.object({ reason: z.string().trim().min(3).max(2000) }),
        response: {
          201: z.object({ stageId: z.string(), number: z.number(), allowedAt: z.string() }),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await exchanges.allowListChange(actorOf(request), {
          mechanism: request.params.mechanism,
          stageId: request.params.stage,
          reason: request.body.reason,
        }),
      ),
  );

  app.post(
    `${M}/persons/:person/withdrawal`,
    {
      config: { rule: 'exchange.manage' },
      schema: {
        tags: ['exchanges'],
        description:
          'Withdraws a person from a stage not yet approved, and fills the place at parity when someone can.',
        params: mechanismParams.extend({ person: z.uuid() }),
        body: z.object({ reason: z.string().min(3).max(2000) }),
        response: {
          200: z.object({ withdrawn: z.string(), replacement: z.string().nullable() }),
        },
      },
    },
    async (request) =>
      exchanges.withdraw(actorOf(request), {
        mechanism: request.params.mechanism,
        personId: request.params.person,
        reason: request.body.reason,
      }),
  );
}
