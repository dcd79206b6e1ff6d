import type { Database } from '../../platform/db/kysely.ts';
import type { AuditLog } from '../audit/index.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import { createAccountsService } from './accounts/index.ts';
import { actorNames } from './actor-names.ts';
import { createBreakGlassService } from './break-glass/index.ts';
import type { Actor } from './domain/actor.ts';
import { createEnrolmentService, createSessionsService, sessionRecords } from './sessions/index.ts';
import { createTokenMemory, createTokensService, tokenRecords } from './tokens/index.ts';

export interface AccessDeps {
  db: Database;
  audit: AuditLog;
  mechanisms: MechanismsService;
  clock?: () => Date;
}

/**
 * The access module's use cases, one sub-module each: accounts and roles, API tokens, sign-in
 * with its sessions and second factor, and break-glass access.
 */
export function createAccessService(deps: AccessDeps) {
  const tokenActors = createTokenMemory<Actor>();
  const accounts = createAccountsService({
    ...deps,
    credentials: {
      endSessions: (db, userId) => sessionRecords.deleteSessionsOf(db, userId),
      revokeTokens: tokenRecords.revokeTokensOf,
      revokeTokensOfGrant: tokenRecords.revokeTokensOfGrant,
    },
  });
  const tokens = createTokensService(deps);
  /** Whatever may end a token's rights makes every token be looked up again. */
  const forgettingTokens = async <Result>(change: Promise<Result>): Promise<Result> => {
    try {
      return await change;
    } finally {
      tokenActors.forgetAll();
    }
  };
  return {
    ...accounts,
    revokeGrant: (...args: Parameters<typeof accounts.revokeGrant>) =>
      forgettingTokens(accounts.revokeGrant(...args)),
    setUserDisabled: (...args: Parameters<typeof accounts.setUserDisabled>) =>
      forgettingTokens(accounts.setUserDisabled(...args)),
    actorNames: (actorIds: readonly string[]) => actorNames(deps.db, actorIds),
    ...tokens,
    revokeToken: (...args: Parameters<typeof tokens.revokeToken>) =>
      forgettingTokens(tokens.revokeToken(...args)),
    ...createSessionsService({ ...deps, tokenActors }),
    ...createEnrolmentService(deps),
    ...createBreakGlassService(deps),
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
