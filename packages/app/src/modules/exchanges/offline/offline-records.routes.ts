import { z } from 'zod';
import { mechanismParams } from '@parley/kernel/http';
import { actorOf } from '../../access/index.ts';
import { manifestFile, verificationResponse } from '../documents/index.ts';
import { M, stageParams, type ExchangeApp } from '../shared/index.ts';
import type { OfflineRecords } from './offline-records.service.ts';

const recordParams = mechanismParams.extend({ record: z.uuid() });

/** The records signed offline at the handover point, read and verified once synced. */
export function offlineRecordRoutes(app: ExchangeApp, exchanges: OfflineRecords): void {
  app.get(
    `${M}/stages/:stage/offline-records`,
    {
      config: { rule: 'exchange.move' },
      schema: {
        tags: ['exchanges'],
        description:
          "The records signed offline for the stage and synced, that you may see (the mediator and the verifier every one, a party's officer its own party's): who signed, when it was signed and synced, and how many of its actions were applied or answered as conflicts.",
        params: stageParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                hash: z.string(),
                signer: z.string(),
                role: z.string(),
                party: z.string().nullable(),
                signedAt: z.string(),
                syncedAt: z.string(),
                actions: z.number().int(),
                applied: z.number().int(),
                conflicts: z.number().int(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({
      items: await exchanges.offlineRecords(actorOf(request), {
        mechanism: request.params.mechanism,
        stageId: request.params.stage,
      }),
    }),
  );

  app.get(
    `${M}/offline-records/:record`,
    {
      config: { rule: 'exchange.move' },
      schema: {
        tags: ['exchanges'],
        description:
          'A record signed offline as a self-contained file ("parley-handover-record/1": document, hash, the signature with its public key; `parley manifest verify` checks it offline), with what the sync did with each action. Audited: it names persons.',
        params: recordParams,
        response: {
          200: z.object({
            file: manifestFile,
            syncedAt: z.string(),
            actions: z.array(
              z.object({
                clientId: z.string(),
                personId: z.string().nullable(),
                kind: z.string(),
                outcome: z.string(),
                conflict: z.string().nullable(),
                problem: z.string().nullable(),
                serverState: z.string().nullable(),
                recordedAt: z.string(),
                syncedAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { file, ...rest } = await exchanges.offlineRecord(actorOf(request), {
        mechanism: request.params.mechanism,
        recordId: request.params.record,
      });
      const { logKeys: _none, ...signed } = file;
      return {
        ...rest,
        file: {
          ...signed,
          requiredSigners: [...file.requiredSigners],
          signatures: [...file.signatures],
        },
      };
    },
  );

  app.get(
    `${M}/offline-records/:record/verification`,
    {
      config: { rule: 'exchange.move' },
      schema: {
        tags: ['exchanges'],
        description:
          "Verifies a record signed offline: its hash, and its signature with the signer's key as registered in the mechanism.",
        params: recordParams,
        response: { 200: verificationResponse },
      },
    },
    async (request) => {
      const { kind: _kind, ...report } = await exchanges.verifyOfflineRecord(actorOf(request), {
        mechanism: request.params.mechanism,
        recordId: request.params.record,
      });
      return { ...report, signers: [...report.signers] };
    },
  );
}
