import { z } from 'zod';
import { actorOf } from '../access/index.ts';
import { mechanismParams } from '@parley/kernel/http';
import type { ExchangesService } from './exchanges.service.ts';
import { M, type ExchangeApp } from './exchanges.schemas.ts';

/** The neutral verifier issues a person's handover receipt. */
export function receiptIssueRoutes(app: ExchangeApp, exchanges: ExchangesService): void {
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
}
