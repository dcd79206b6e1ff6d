import { hash as argon2Hash } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';
import type { Database } from '../../platform/db/kysely.ts';
import { AppError } from '../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import * as repo from './access.repository.ts';
import { oneTimePassword, randomToken, sha256, TOKEN_PREFIX } from './credentials.ts';
import { authorize } from './domain/authorize.ts';
import { SYSTEM_ACTOR, type Actor } from './domain/actor.ts';
import {
  PARTY_ROLES,
  ROLES,
  SECOND_FACTOR_ROLES,
  type Grant,
  type Role,
} from './domain/permissions.ts';

export interface AccountsDeps {
  db: Database;
  audit: AuditLog;
  mechanisms: MechanismsService;
  clock?: () => Date;
}

/** Accounts, roles, API tokens and break-glass access: the administration of who may act. */
export function createAccountsService({
  db,
  audit,
  mechanisms,
  clock = () => new Date(),
}: AccountsDeps) {
  async function userNamed(username: string) {
    const user = await repo.findUserByName(db, username.trim().toLowerCase());
    if (!user) throw new AppError('ACCESS.USER_NOT_FOUND', `no user "${username}"`);
    return user;
  }

  async function resolveGrant(
    actor: Actor,
    input: { mechanism: string; role: string; party?: string | null },
  ): Promise<Grant> {
    if (!(ROLES as readonly string[]).includes(input.role)) {
      throw new AppError(
        'ACCESS.INVALID_GRANT',
        `"${input.role}" is not a role; the roles are ${ROLES.join(', ')}`,
      );
    }
    const role = input.role as Role;
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
  }

  return {
    /** On a deployment without an admin, creates `admin` with a one-time password to print once. */
    async ensureFirstAdmin(): Promise<{ username: string; password: string } | null> {
      if ((await repo.countAdmins(db)) > 0) return null;
      const password = oneTimePassword();
      await repo.insertUser(db, {
        username: 'admin',
        displayName: 'Administrator',
        passwordHash: await argon2Hash(password),
        isAdmin: true,
        totpSecret: null,
      });
      return { username: 'admin', password };
    },

    /** Adds a user with a one-time password (changed at first sign-in) and, unless told not to, a second factor. */
    async addUser(
      actor: Actor,
      input: { username: string; displayName?: string; isAdmin?: boolean; withTotp?: boolean },
    ) {
      authorize(actor, 'access.manage');
      const username = input.username.trim().toLowerCase();
      if (!/^[a-z0-9._-]{2,64}$/.test(username)) {
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          `"${input.username}" is not a user name (2-64 of a-z, 0-9, . _ -)`,
        );
      }
      if (await repo.findUserByName(db, username))
        throw new AppError('ACCESS.USER_EXISTS', `the user "${username}" already exists`);
      const password = oneTimePassword();
      const totp = input.withTotp === false ? null : newSecondFactor(username);
      const id = await db.transaction().execute(async (trx) => {
        const userId = await repo.insertUser(trx, {
          username,
          displayName: input.displayName ?? username,
          passwordHash: await argon2Hash(password),
          isAdmin: Boolean(input.isAdmin),
          totpSecret: totp?.secret ?? null,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'access.user.add', {
            mechanismId: null,
            objectIds: [userId],
            details: { username, isAdmin: Boolean(input.isAdmin), secondFactor: totp !== null },
          }),
        );
        return userId;
      });
      return { id, username, password, totpUri: totp?.uri ?? null };
    },

    /** Every account with its roles; no secrets. */
    async listUsers(actor: Actor) {
      authorize(actor, 'access.manage');
      return repo.listUsers(db);
    },

    /** Takes a role away; the tokens made for it are revoked with it. */
    async revokeGrant(
      actor: Actor,
      input: { username: string; mechanism: string; role: string; party?: string | null },
    ): Promise<Grant> {
      authorize(actor, 'access.manage');
      const user = await userNamed(input.username);
      const grant = await resolveGrant(actor, input);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.deleteGrant(trx, user.id, grant, clock()))) {
          throw new AppError(
            'ACCESS.INVALID_GRANT',
            `${user.username} does not hold ${grant.role}${grant.party ? ` for ${grant.party}` : ''} in that mechanism`,
          );
        }
        await audit.record(
          trx,
          auditEvent(actor, 'access.revoke', {
            mechanismId: grant.mechanismId,
            objectIds: [user.id],
            details: { username: user.username, role: grant.role, party: grant.party },
          }),
        );
      });
      return grant;
    },

    /**
     * Disables an account (its sessions end and its tokens are revoked at once) or enables it
     * again. The last enabled admin cannot be disabled: nobody could then manage access.
     */
    async setUserDisabled(actor: Actor, input: { username: string; disabled: boolean }) {
      authorize(actor, 'access.manage');
      const user = await userNamed(input.username);
      if (input.disabled && user.id === actor.userId) {
        throw new AppError('ACCESS.FORBIDDEN', 'an admin cannot disable their own account');
      }
      await db.transaction().execute(async (trx) => {
        if (input.disabled && user.is_admin) {
          const enabledAdmins = (await repo.listUsers(trx)).filter(
            (u) => u.isAdmin && u.disabledAt === null,
          );
          if (enabledAdmins.length <= 1) {
            throw new AppError(
              'ACCESS.FORBIDDEN',
              `${user.username} is the last enabled admin: add another admin first`,
            );
          }
        }
        await repo.setDisabled(trx, user.id, input.disabled ? clock() : null);
        const ended = input.disabled
          ? {
              sessions: await repo.deleteSessionsOf(trx, user.id),
              tokens: await repo.revokeTokensOf(trx, user.id, clock()),
            }
          : null;
        await audit.record(
          trx,
          auditEvent(actor, input.disabled ? 'access.user.disable' : 'access.user.enable', {
            mechanismId: null,
            objectIds: [user.id],
            details: { username: user.username, ...(ended ?? {}) },
          }),
        );
      });
      return { username: user.username, disabled: input.disabled };
    },

    /**
     * Gives a user a new one-time password, to change at the next sign-in, and on request a new
     * second factor (a lost authenticator); every session of the user ends.
     */
    async resetUser(actor: Actor, input: { username: string; newSecondFactor: boolean }) {
      authorize(actor, 'access.manage');
      const user = await userNamed(input.username);
      const password = oneTimePassword();
      const totp = input.newSecondFactor ? newSecondFactor(user.username) : null;
      const passwordHash = await argon2Hash(password);
      await db.transaction().execute(async (trx) => {
        await repo.resetCredentials(trx, user.id, {
          passwordHash,
          ...(totp ? { totpSecret: totp.secret } : {}),
        });
        const sessions = await repo.deleteSessionsOf(trx, user.id);
        await audit.record(
          trx,
          auditEvent(actor, 'access.user.reset', {
            mechanismId: null,
            objectIds: [user.id],
            details: { username: user.username, newSecondFactor: totp !== null, sessions },
          }),
        );
      });
      return { username: user.username, password, totpUri: totp?.uri ?? null };
    },

    /** API tokens, all or one user's, newest first; never the token itself. */
    async listTokens(actor: Actor, username?: string) {
      authorize(actor, 'access.manage');
      const user = username ? await userNamed(username) : null;
      return repo.listTokens(db, clock(), user?.id);
    },

    async grant(
      actor: Actor,
      input: { username: string; mechanism: string; role: string; party?: string | null },
    ): Promise<Grant> {
      authorize(actor, 'access.manage');
      const user = await userNamed(input.username);
      const grant = await resolveGrant(actor, input);
      if (SECOND_FACTOR_ROLES.includes(grant.role) && !user.totp_secret) {
        throw new AppError(
          'ACCESS.INVALID_GRANT',
          `${grant.role} requires a second factor, and ${user.username} has none: add the user again with one`,
        );
      }
      await db.transaction().execute(async (trx) => {
        await repo.insertGrant(trx, user.id, grant, actor.id);
        await audit.record(
          trx,
          auditEvent(actor, 'access.grant', {
            mechanismId: grant.mechanismId,
            objectIds: [user.id],
            details: { username: user.username, role: grant.role, party: grant.party },
          }),
        );
      });
      return grant;
    },

    /** Creates an API token scoped to one of the user's grants; the token is shown once and stored hashed. */
    async createToken(
      actor: Actor,
      input: {
        username: string;
        mechanism: string;
        role: string;
        party?: string | null;
        name: string;
        days: number;
      },
    ) {
      authorize(actor, 'access.manage');
      const user = await userNamed(input.username);
      const grant = await resolveGrant(actor, input);
      const held = await repo.findGrants(db, user.id);
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

    async revokeToken(actor: Actor, id: string): Promise<void> {
      authorize(actor, 'access.manage');
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

    /**
     * Opens emergency access to a mechanism's lists for a signed-in user, for a stated reason and
     * at most an hour; it is logged and flagged, and every read under it carries the reason.
     */
    async breakGlass(actor: Actor, input: { mechanism: string; reason: string; minutes: number }) {
      if (!actor.userId || actor.id.startsWith('token:')) {
        throw new AppError(
          'ACCESS.FORBIDDEN',
          'break-glass access is for a signed-in person, not a token',
        );
      }
      const [mechanism] = (await mechanisms.list(SYSTEM_ACTOR)).filter(
        (m) => m.id === input.mechanism || m.name === input.mechanism,
      );
      if (!mechanism)
        throw new AppError('MECHANISM.NOT_FOUND', `no mechanism "${input.mechanism}"`);
      // Never for a party's own officers: it would open the other side's lists to them.
      const isNeutral = actor.grants.some(
        (g) =>
          g.mechanismId === mechanism.id &&
          (g.role === 'mediator' || g.role === 'neutral_verifier'),
      );
      if (!actor.isAdmin && !isNeutral) {
        throw new AppError(
          'ACCESS.FORBIDDEN',
          "break-glass access is for admins and for the mechanism's mediators and neutral verifiers",
        );
      }
      const reason = input.reason.trim();
      if (reason.length < 20)
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          'state the reason for emergency access in at least 20 characters',
        );
      const expiresAt = new Date(clock().getTime() + Math.min(input.minutes, 60) * 60_000);
      const userId = actor.userId;
      const id = await db.transaction().execute(async (trx) => {
        const opened = await repo.insertBreakGlass(trx, {
          userId,
          mechanismId: mechanism.id,
          reason,
          expiresAt,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'access.break-glass', {
            mechanismId: mechanism.id,
            objectIds: [opened],
            reason,
            details: { flag: 'break-glass', expiresAt: expiresAt.toISOString() },
          }),
        );
        return opened;
      });
      return { id, mechanismId: mechanism.id, expiresAt };
    },

    /** Every break-glass access, with how many audited actions were taken under it: the report for oversight. */
    async breakGlassReport(actor: Actor) {
      authorize(actor, 'audit.verify');
      return repo.breakGlassReport(db);
    },
  };
}

/** A new TOTP secret for a user, and the otpauth:// URI an authenticator app reads. */
function newSecondFactor(username: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 });
  return {
    secret: secret.base32,
    uri: new TOTP({ issuer: 'Parley', label: username, secret }).toString(),
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
