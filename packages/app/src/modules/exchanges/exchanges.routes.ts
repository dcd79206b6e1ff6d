import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { manifestRoutes } from './documents/index.ts';
import type { ExchangesService } from './exchanges.service.ts';
import { offlineRecordRoutes, offlineSyncRoutes } from './offline/index.ts';
import { personFileRoutes, personPathRoutes } from './paths/index.ts';
import { receiptIssueRoutes } from './receipts/index.ts';
import { reportRoutes } from './reports/index.ts';
import { stageRoutes } from './stages/index.ts';

/** Persons on the path, stages and their manifests, under /api/v1. */
export function exchangeRoutes(exchanges: ExchangesService): FastifyPluginAsyncZod {
  // Added to this one plugin, not registered as plugins of their own: the same context as before.
  return async (app) => {
    personPathRoutes(app, exchanges);
    personFileRoutes(app, exchanges);
    stageRoutes(app, exchanges);
    reportRoutes(app, exchanges);
    receiptIssueRoutes(app, exchanges);
    manifestRoutes(app, exchanges);
    offlineSyncRoutes(app, exchanges);
    offlineRecordRoutes(app, exchanges);
  };
}
