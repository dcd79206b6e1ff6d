import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ExchangesService } from './exchanges.service.ts';
import { manifestRoutes } from './manifests.routes.ts';
import { offlineSyncRoutes } from './offline-sync.routes.ts';
import { offlineRecordRoutes } from './offline-records.routes.ts';
import { personFileRoutes } from './person-file.routes.ts';
import { personPathRoutes } from './person-paths.routes.ts';
import { receiptIssueRoutes } from './receipt-issue.routes.ts';
import { reportRoutes } from './reports.routes.ts';
import { stageRoutes } from './stages.routes.ts';

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
