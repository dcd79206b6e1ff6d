import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { mechanismParams } from '@parley/kernel/http';
import type { ReceiptBatches } from './receipt-batch.service.ts';
import type { ReceiptIssue } from './receipt-issue.service.ts';
import { M, stageParams, type ExchangeApp } from '../shared/index.ts';

/** The neutral verifier issues handover receipts, one or a stage's at once; their batch for one signature. */
export function receiptIssueRoutes(
  app: ExchangeApp,
  exchanges: ReceiptIssue & ReceiptBatches,
): void {
  app.post(
    `${M}/persons/:person/receipt`,
    {
      config: { rule: 'exchange.move' },
      schema: {
        tags: ['exchanges'],
        description:
          "The neutral verifier issues the receipt of a person handed over; the receiving party's officer and the verifier sign it (POST .../manifests/:receipt/signatures) before the receipt is confirmed.",
        params: mechanismParams.extend({ person: z.uuid() }),
        response: { 201: z.object({ receiptId: z.string(), hash: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await exchanges.issueReceipt(actorOf(request), {
          mechanism: request.params.mechanism,
          personId: request.params.person,
        }),
      ),
  );

  app.post(
    `${M}/stages/:stage/receipts`,
    {
      config: { rule: 'exchange.move' },
      schema: {
        tags: ['exchanges'],
        description:
          'The neutral verifier issues at once the receipt of every person of the stage handed over without one, answered person by person.',
        params: stageParams,
        response: {
          200: z.object({
            results: z.array(
              z.object({
                personId: z.string(),
                ok: z.boolean(),
                receiptId: z.string().optional(),
                hash: z.string().optional(),
                problem: z.string().optional(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({
      results: await exchanges.issueStageReceipts(actorOf(request), {
        mechanism: request.params.mechanism,
        stageId: request.params.stage,
      }),
    }),
  );

  app.post(
    `${M}/stages/:stage/receipt-batch`,
    {
      config: { rule: 'exchange.sign' },
      schema: {
        tags: ['exchanges'],
        description:
          "One document naming the hash of every receipt of the stage: each receiving party's officer and the verifier sign it once (POST .../manifests/:batch/signatures), which signs each receipt it names. The same batch while the receipts stay the same; verified offline like a manifest.",
        params: stageParams,
        response: {
          200: z.object({
            batchId: z.string(),
            hash: z.string(),
            receipts: z.number(),
            isNew: z.boolean(),
          }),
        },
      },
    },
    async (request) =>
      exchanges.receiptBatch(actorOf(request), {
        mechanism: request.params.mechanism,
        stageId: request.params.stage,
      }),
  );
}
