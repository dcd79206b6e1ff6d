import type { Database } from '../../../platform/db/kysely.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../../audit/index.ts';
import type { MechanismsService } from '../../mechanisms/index.ts';
import { accountRecords, createAccountLookup, isSignedInPerson } from '../accounts/index.ts';
import { randomToken, sha256, TOKEN_PREFIX } from '../credentials.ts';
import type { Actor } from '../domain/actor.ts';
import * as repo from './tokens.repository.ts';

export interface TokensDeps {
  db: Database;
  audit: AuditLog;
  mechanisms: MechanismsService;
  clock?: () => Date;
}

/** Whether the actor may act on every account's tokens: an admin signed in, or the operator's command line. */
const isAdministrator = (actor: Actor) =>
  actor.isSystem || (actor.isAdmin && isSignedInPerson(actor));

/**
 * API tokens. A person makes tokens for themselves, signed in (so with their second factor);
 * nobody makes a token that acts as a person but that person. An admin (or the command line)
 * makes tokens only for service accounts, which are visibly not persons and hold grants of
 * their own. A token never makes a token.
 */
export function createTokensService({
  db,
  audit,
  mechanisms,
  clock = () => new Date(),
}: TokensDeps) {
  const { userNamed, resolveGrant } = createAccountLookup(db, mechanisms);

  async function accountFor(actor: Actor, username: string | undefined) {
    if (actor.id.startsWith('token:')) {
      throw new AppError('ACCESS.FORBIDDEN', 'an API token cannot make, list or revoke tokens');
    }
    if (username !== undefined) return userNamed(username);
    if (!isSignedInPerson(actor)) {
      throw new AppError('VALIDATION.INVALID_INPUT', 'name the service account the token is for');
    }
    const own = await accountRecords.findUserById(db, actor.userId);
    if (!own) throw new AppError('ACCESS.USER_NOT_FOUND', 'your account no longer exists');
    return own;
  }

  return {
    /** The tokens an actor may see, newest first: every one for an admin, one's own for a person; never the token itself. */
    async listTokens(actor: Actor, username?: string) {
      if (isAdministrator(actor)) {
        const user = username ? await userNamed(username) : null;
        return repo.listTokens(db, clock(), user?.id);
      }
      const own = await accountFor(actor, undefined);
      return repo.listTokens(db, clock(), own.id);
    },

    /** Creates an API token scoped to one of the account's grants; the token is shown once and stored hashed. */
    async createToken(
      actor: Actor,
      input: {
        username?: string;
        mechanism: string;
        role: string;
        party?: string | null;
        name: string;
        days: number;
      },
    ) {
      const user = await accountFor(actor, input.username);
      const isOwn = isSignedInPerson(actor) && actor.userId === user.id;
      if (!isOwn && !user.is_service) {
        throw new AppError(
          'ACCESS.FORBIDDEN',
          `${user.username} is a person: a person makes their own tokens, signed in with their second factor; admins make tokens only for service accounts`,
        );
      }
      if (!isOwn && !isAdministrator(actor)) {
        throw new AppError('ACCESS.FORBIDDEN', 'only an admin makes tokens for a service account');
      }
      const grant = await resolveGrant(actor, input);
      const held = await accountRecords.findGrants(db, user.id);
      if (
        !held.some(
          (g) =>
            g.mechanismId === grant.mechanismId && g.role === grant.role && g.party === grant.party,
        )
      ) {
        throw new AppError(
          'ACCESS.INVALID_GRANT',
          `${user.username} does not hold ${grant.role}${grant.party ? ` for ${grant.party}` : ''} in that mechanism`,
        );
      }
      const token = `${TOKEN_PREFIX}${randomToken()}`;
      const expiresAt = new Date(clock().getTime() + input.days * 86_400_000);
      const id = await db.transaction().execute(async (trx) => {
        const tokenId = await repo.insertToken(trx, {
          tokenHash: sha256(token),
          name: input.name,
          userId: user.id,
          grant,
          expiresAt,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'access.token.create', {
            mechanismId: grant.mechanismId,
            objectIds: [tokenId],
            details: {
              username: user.username,
              account: user.is_service ? 'service' : 'person',
              role: grant.role,
              party: grant.party,
              expiresAt: expiresAt.toISOString(),
            },
          }),
        );
        return tokenId;
      });
      return { id, token, expiresAt };
    },

    /** Revokes a token: one's own, or any for an admin. */
    async revokeToken(actor: Actor, id: string): Promise<void> {
      if (!isAdministrator(actor)) {
        const [owner, mine] = await Promise.all([
          repo.findTokenOwner(db, id),
          accountFor(actor, undefined),
        ]);
        if (owner?.user_id !== mine.id) {
          throw new AppError('ACCESS.TOKEN_NOT_FOUND', `no active token ${id} of yours`);
        }
      }
      const revoked = await db.transaction().execute(async (trx) => {
        const done = await repo.revokeToken(trx, id, clock());
        if (done)
          await audit.record(
            trx,
            auditEvent(actor, 'access.token.revoke', { mechanismId: null, objectIds: [id] }),
          );
        return done;
      });
      if (!revoked) throw new AppError('ACCESS.TOKEN_NOT_FOUND', `no active token ${id}`);
    },
  };
}

export type TokensService = ReturnType<typeof createTokensService>;
