export { linkFiles, type LinkFilesRequest, type LinkFilesResult } from './link-files.ts';
export { toLinkRecord } from './domain/person-record.ts';
export {
  createReconciliationService,
  DEFAULT_RUN_SETTINGS,
  type ReconciliationService,
} from './reconciliation.service.ts';
export { reconciliationRoutes } from './reconciliation.routes.ts';
export { openLinkagePool, type LinkagePool } from './linkage-pool.ts';
export { createOutcomeLists, type OutcomeListsService } from './outcome-lists.service.ts';
export { outcomeListRoutes } from './outcome-lists.routes.ts';
export {
  FILE_LANGUAGES,
  OUTCOME_LISTS,
  type FileLanguage,
  type OutcomeList,
} from './domain/outcome-lists.ts';
export { outcomeListFile } from './outcome-list-file.ts';
