import type { Database } from '../../platform/db/kysely.ts';
import type { AuditLog } from '../audit/index.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import { createAccountsService } from './accounts.service.ts';
import { createSessionsService } from './sessions.service.ts';

export interface AccessDeps {
  db: Database;
  audit: AuditLog;
  mechanisms: MechanismsService;
  clock?: () => Date;
}

/** The access module's use cases: accounts, roles and tokens, and sign-in with its sessions. */
export function createAccessService(deps: AccessDeps) {
  return { ...createAccountsService(deps), ...createSessionsService(deps) };
}

export type AccessService = ReturnType<typeof createAccessService>;
