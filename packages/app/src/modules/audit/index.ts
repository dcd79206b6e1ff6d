export { createAuditLog, AUDIT_EXPORT_FORMAT, type AuditLog } from './audit.service.ts';
export { verifyAuditExport } from './audit-export-verifier.ts';
export type { AuditEvent, AuditEntry } from './domain/audit-entry.ts';
export type { ChainVerdict } from './domain/chain-verifier.ts';
export { auditEvent } from './domain/audit-entry.ts';
export { auditRoutes } from './audit.routes.ts';
