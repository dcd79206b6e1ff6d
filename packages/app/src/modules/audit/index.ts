export { createAuditLog, AUDIT_EXPORT_FORMAT, type AuditLog } from './audit.service.ts';
export { verifyAuditExport } from './audit-export-verifier.ts';
export type { AuditEvent, AuditEntry } from './domain/audit-entry.ts';
export type { ChainVerdict, WitnessedHead } from './domain/log-verdict.ts';
export { auditEvent } from './domain/audit-entry.ts';
export { auditRoutes } from './audit.routes.ts';
export {
  headSignatureChecker,
  treeHeadSchema,
  type PublicKeyPem,
  type TreeHead,
} from './domain/tree-head.ts';
export {
  addWitnessedHead,
  headsKeptIn,
  newWitnessFile,
  parseWitnessFile,
  WITNESS_FORMAT,
  type WitnessFile,
} from './domain/witness.ts';
export type { ConsistencyProof, InclusionProof } from './tree-heads.ts';
