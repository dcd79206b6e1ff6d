import type { Database } from '../../../platform/db/kysely.ts';
import { AppError } from '../../../platform/errors.ts';
import type { MechanismsService } from '../../mechanisms/index.ts';
import * as repo from './accounts.repository.ts';
import type { Actor } from '../domain/actor.ts';
import { PARTY_ROLES, ROLES, type GrantableRole, type StoredGrant } from '../domain/permissions.ts';

/** Finding accounts by name and reading a grant from its parts, as the account use cases share them. */
export function createAccountLookup(db: Database, mechanisms: MechanismsService) {
  return {
    userNamed: async (username: string) => {
      const user = await repo.findUserByName(db, username.trim().toLowerCase());
      if (!user) throw new AppError('ACCESS.USER_NOT_FOUND', `no user "${username}"`);
      return user;
    },

    resolveGrant: async (
      actor: Actor,
      input: { mechanism: string; role: string; party?: string | null },
    ): Promise<StoredGrant> => {
      if (!(ROLES as readonly string[]).includes(input.role)) {
        throw new AppError(
          'ACCESS.INVALID_GRANT',
          `"${input.role}" is not a role; the roles are ${ROLES.join(', ')}`,
        );
      }
      const role = input.role as GrantableRole;
      const mechanism = await mechanisms.get(actor, input.mechanism);
      const party = input.party ? input.party.trim().toUpperCase() : null;
      if (PARTY_ROLES.includes(role)) {
        if (!party || !mechanism.parties.includes(party as (typeof mechanism.parties)[number])) {
          throw new AppError(
            'ACCESS.INVALID_GRANT',
            `${role} acts for a party of ${mechanism.name}: give --party ${mechanism.parties.join(' or ')}`,
          );
        }
      } else if (party) {
        throw new AppError(
          'ACCESS.INVALID_GRANT',
          `${role} acts for the whole mechanism, not for a party`,
        );
      }
      return { mechanismId: mechanism.id, role, party: PARTY_ROLES.includes(role) ? party : null };
    },
  };
}

/** Whether the actor is a person signed in with a session (not a token, not the command line). */
export function isSignedInPerson(actor: Actor): actor is Actor & { userId: string } {
  return actor.userId !== null && actor.id.startsWith('user:');
}
