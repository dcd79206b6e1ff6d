import type { Database } from '../../platform/db/kysely.ts';
import type { AuditLog } from '../audit/index.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import { createAccountsService } from './accounts.service.ts';
import { createBreakGlassService } from './break-glass.service.ts';
import { createEnrolmentService } from './enrolment.service.ts';
import { createSessionsService } from './sessions.service.ts';
import { createTokensService } from './tokens.service.ts';

export interface AccessDeps {
  db: Database;
  audit: AuditLog;
  mechanisms: MechanismsService;
  clock?: () => Date;
}

/**
 * The access module's use cases: accounts and roles, API tokens, sign-in with its sessions and
 * second factor, and break-glass access.
 */
export function createAccessService(deps: AccessDeps) {
  return {
    ...createAccountsService(deps),
    ...createTokensService(deps),
    ...createSessionsService(deps),
    ...createEnrolmentService(deps),
    ...createBreakGlassService(deps),
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
