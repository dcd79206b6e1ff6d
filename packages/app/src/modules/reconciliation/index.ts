export { linkFiles, type LinkFilesRequest, type LinkFilesResult } from './link-files.ts';
export { toLinkRecord } from './domain/person-record.ts';
export {
  createReconciliationService,
  DEFAULT_RUN_SETTINGS,
  type ReconciliationService,
} from './reconciliation.service.ts';
export { reconciliationRoutes } from './reconciliation.routes.ts';
export { openLinkagePool, type LinkagePool, type PersonThresholds } from './linkage-pool.ts';
