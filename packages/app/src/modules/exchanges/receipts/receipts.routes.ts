import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { mechanismParams } from '@parley/kernel/http';
import { SEEN_STATES } from '../domain/person-path.ts';
import type { ReceiptsService } from './receipts.service.ts';

const signerRef = z.object({ role: z.string(), party: z.string().nullable() });

/** The handover receipts of a stage, under /api/v1. */
export function receiptRoutes(receipts: ReceiptsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/mechanisms/:mechanism/stages/:stage/receipts',
      {
        config: { rule: 'exchange.read' },
        schema: {
          tags: ['exchanges'],
          description:
            'Each person of the stage you may see, with their handover receipt once the neutral verifier has issued it: who has signed it and who still must. The receipt itself is at GET .../manifests/:receipt.',
          params: mechanismParams.extend({ stage: z.uuid() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  personId: z.string(),
                  recordId: z.string(),
                  name: z.string().nullable(),
                  nameLatin: z.string().nullable(),
                  party: z.string(),
                  receivingParty: z.string(),
                  state: z.enum(SEEN_STATES),
                  receipt: z
                    .object({
                      id: z.string(),
                      hash: z.string(),
                      signed: z.array(signerRef),
                      missing: z.array(signerRef),
                    })
                    .nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({
        items: await receipts.ofStage(actorOf(request), {
          mechanism: request.params.mechanism,
          stageId: request.params.stage,
        }),
      }),
    );
  };
}
