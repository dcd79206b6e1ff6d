export {
  createRetentionService,
  type RetentionService,
  type RetentionFinding,
} from './retention.service.ts';
export { RETENTION_CATEGORIES, type RetentionCategory } from './domain/retention.ts';
export { retentionRoutes } from './retention.routes.ts';
