import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { CONFLICTS, handoverRecordSchema } from '../domain/handover-record.ts';
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
          'Applies the work a neutral verifier or a receiving officer recorded offline for the stage (handovers, refusals, checks against the manifest, persons received), each record signed with the signer\'s registered browser key over its canonical JSON ("parley-handover-record/1"). Each action is applied once by its client id (a repeat answers what was done); an action that no longer fits the person or the stage is answered as a conflict. The audit log keeps when each action was recorded and when it was synced.',
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
            .min(1)
            .max(20),
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
          }),
        },
      },
    },
    async (request) =>
      exchanges.syncOffline(actorOf(request), {
        mechanism: request.params.mechanism,
        stageId: request.params.stage,
        records: request.body.records,
      }),
  );
}
