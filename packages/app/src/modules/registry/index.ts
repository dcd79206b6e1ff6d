export {
  createRegistryService,
  type RegistryService,
  type ImportResult,
  type KeptVersion,
} from './registry.service.ts';
export { registryRoutes } from './registry.routes.ts';
export { formatProblem, type LineProblem } from './domain/line-problem.ts';
export { LIST_COLUMNS, LIST_KINDS, type ListKind, type PersonLine } from './domain/list-columns.ts';
export type { ListVersion, ListRef, VersionId } from './domain/list-version.ts';
export {
  readListRows,
  type ListEncoding,
  type ListFileInput,
  type RawRow,
} from './list-file-reader.ts';
export type { ListFileFormat } from './list-file-writer.ts';
export type { LineDiff } from './domain/line-cells.ts';
export { readPersonLines } from './list-file-validation.ts';
export {
  changeResponse,
  lineResponse,
  presentLine,
  presentVersion,
  versionResponse,
} from './registry.schemas.ts';
export { expiringHealthData, expiringSupersededVersions } from './registry.retention.ts';
export { versionsDeleted } from './page-cache.ts';
export type { ListVersionGuard, NewVersion, RecordChange } from './list-version-guard.ts';
