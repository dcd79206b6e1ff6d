import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import {
  CONFLICTS,
  handoverRecordSchema,
  offlineBatchSignatureSchema,
} from '../domain/handover-record.ts';
import type { OfflineSync } from './offline-sync.service.ts';
import { M, stageParams, type ExchangeApp } from '../shared/index.ts';

/** The handover point's work recorded offline, synced when the network is back. */
export function offlineSyncRoutes(app: ExchangeApp, exchanges: OfflineSync): void {
  app.post(
    `${M}/stages/:stage/offline-sync`,
    {
      config: { rule: 'exchange.move' },
      schema: {
        tags: ['exchanges'],
        description:
          'Applies the work a neutral verifier or a receiving officer recorded offline for the stage (handovers, refusals, checks against the manifest, persons received), each record signed with the signer\'s registered browser key over its canonical JSON ("parley-handover-record/1"). Each action is applied once by its client id (a repeat answers what was done); an action that no longer fits the person or the stage is answered as a conflict. The audit log keeps when each action was recorded and when it was synced. A receiving officer\'s arrival confirms the person\'s receipt once the receipt is signed by both (else it is answered as the conflict receipt_unsigned, to send again later). Receipt batch signatures made offline over the batch the download carried (Ed25519 over "parley-receipt-batch/1", a newline and its hash) are checked and kept as POST .../manifests/:batch/signatures keeps them, before the actions, with the time they were made there. The verifier\'s handovers have their receipts issued with the sync.',
        params: stageParams,
        body: z.object({
          records: z
            .array(
              z.object({
                document: handoverRecordSchema,
                hash: z.string().regex(/^[0-9a-f]{64}$/),
                keyId: z.string().max(64),
                signature: z.string().max(200),
              }),
            )
            .max(20),
          receiptBatches: z.array(offlineBatchSignatureSchema).max(5).optional(),
        }),
        response: {
          200: z.object({
            records: z.array(
              z.object({ hash: z.string(), recordId: z.string(), isNew: z.boolean() }),
            ),
            results: z.array(
              z.object({
                clientId: z.string(),
                personId: z.string().nullable(),
                kind: z.string(),
                outcome: z.enum(['applied', 'conflict']),
                conflict: z.enum(CONFLICTS).nullable(),
                problem: z.string().nullable(),
                serverState: z.string().nullable(),
                recordedAt: z.string(),
                syncedAt: z.string(),
                repeat: z.boolean(),
              }),
            ),
            batches: z.array(
              z.object({
                hash: z.string(),
                batchId: z.string().nullable(),
                outcome: z.enum(['applied', 'conflict']),
                conflict: z.enum(['unknown_batch', 'signed_already']).nullable(),
                problem: z.string().nullable(),
                signedAt: z.string(),
                syncedAt: z.string(),
                repeat: z.boolean(),
              }),
            ),
            receiptsIssued: z
              .number()
              .int()
              .describe("receipts issued with the verifier's handovers"),
          }),
        },
      },
    },
    async (request) =>
      exchanges.syncOffline(actorOf(request), {
        mechanism: request.params.mechanism,
        stageId: request.params.stage,
        records: request.body.records,
        ...(request.body.receiptBatches ? { receiptBatches: request.body.receiptBatches } : {}),
      }),
  );
}
