import { hash as argon2Hash } from '@node-rs/argon2';
import type { Database } from '../../../platform/db/kysely.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../../audit/index.ts';
import type { MechanismsService } from '../../mechanisms/index.ts';
import { oneTimePassword } from '../credentials.ts';
import { authorize } from '../domain/authorize.ts';
import type { Actor } from '../domain/actor.ts';
import type { Grant, StoredGrant } from '../domain/permissions.ts';
import { newSecondFactor } from '../second-factor.ts';
import { createAccountLookup } from './account-lookup.ts';
import * as repo from './accounts.repository.ts';

/** What a service account holds in place of a password hash: no password can match it. */
export const NO_PASSWORD = '!service-account';

/**
 * What ends with an account's rights: its sign-in sessions and its API tokens, which the
 * sessions and tokens sub-modules keep (and which stand on accounts, not under them).
 */
export interface AccountCredentials {
  endSessions(db: Database, userId: string): Promise<number>;
  revokeTokens(db: Database, userId: string, now: Date): Promise<number>;
  revokeTokensOfGrant(db: Database, userId: string, grant: Grant, now: Date): Promise<void>;
}

export interface AccountsDeps {
  db: Database;
  audit: AuditLog;
  mechanisms: MechanismsService;
  credentials: AccountCredentials;
  clock?: () => Date;
}

/** Accounts and their roles: the administration of who may act. */
export function createAccountsService({
  db,
  audit,
  mechanisms,
  credentials,
  clock = () => new Date(),
}: AccountsDeps) {
  const { userNamed, resolveGrant } = createAccountLookup(db, mechanisms);

  async function insertAccount(
    actor: Actor,
    input: {
      username: string;
      displayName?: string;
      isAdmin?: boolean;
      passwordHash: string;
      totpSecret: string | null;
      isService: boolean;
    },
  ): Promise<{ id: string; username: string }> {
    authorize(actor, 'access.manage');
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9._-]{2,64}$/.test(username)) {
      throw new AppError(
        'VALIDATION.INVALID_INPUT',
        `"${input.username}" is not a user name (2-64 of a-z, 0-9, . _ -)`,
      );
    }
    if (input.isService && input.isAdmin) {
      throw new AppError(
        'ACCESS.INVALID_GRANT',
        'a service account cannot be an admin: admins are persons with a second factor',
      );
    }
    if (await repo.findUserByName(db, username))
      throw new AppError('ACCESS.USER_EXISTS', `the user "${username}" already exists`);
    const isAdmin = Boolean(input.isAdmin);
    const id = await db.transaction().execute(async (trx) => {
      const userId = await repo.insertUser(trx, {
        username,
        displayName: input.displayName ?? username,
        passwordHash: input.passwordHash,
        isAdmin,
        totpSecret: input.totpSecret,
        isService: input.isService,
      });
      await audit.record(
        trx,
        auditEvent(actor, 'access.user.add', {
          mechanismId: null,
          objectIds: [userId],
          details: {
            username,
            isAdmin,
            isService: input.isService,
            secondFactor: input.totpSecret !== null,
          },
        }),
      );
      return userId;
    });
    return { id, username };
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

    /**
     * Adds a person with a one-time password (changed at first sign-in) and, unless told not to,
     * an authenticator (else they enrol one at their first sign-in).
     */
    async addUser(
      actor: Actor,
      input: { username: string; displayName?: string; isAdmin?: boolean; withTotp?: boolean },
    ) {
      const password = oneTimePassword();
      const totp =
        input.withTotp === false ? null : newSecondFactor(input.username.trim().toLowerCase());
      const { id, username } = await insertAccount(actor, {
        ...input,
        passwordHash: await argon2Hash(password),
        totpSecret: totp?.secret ?? null,
        isService: false,
      });
      return { id, username, password, totpUri: totp?.uri ?? null };
    },

    /**
     * Adds a service account, for a script: visibly not a person, with no password and no
     * sign-in; it acts only through the tokens an admin makes for it, with grants of its own.
     */
    async addServiceAccount(actor: Actor, input: { username: string; displayName?: string }) {
      return insertAccount(actor, {
        ...input,
        passwordHash: NO_PASSWORD,
        totpSecret: null,
        isService: true,
      });
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
    ): Promise<StoredGrant> {
      authorize(actor, 'access.manage');
      const user = await userNamed(input.username);
      const grant = await resolveGrant(actor, input);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.deleteGrant(trx, user.id, grant))) {
          throw new AppError(
            'ACCESS.INVALID_GRANT',
            `${user.username} does not hold ${grant.role}${grant.party ? ` for ${grant.party}` : ''} in that mechanism`,
          );
        }
        await credentials.revokeTokensOfGrant(trx, user.id, grant, clock());
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
              sessions: await credentials.endSessions(trx, user.id),
              tokens: await credentials.revokeTokens(trx, user.id, clock()),
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
      if (user.is_service) {
        throw new AppError(
          'ACCESS.INVALID_GRANT',
          `${user.username} is a service account: it has no password; revoke its tokens and make new ones`,
        );
      }
      const password = oneTimePassword();
      const totp = input.newSecondFactor ? newSecondFactor(user.username) : null;
      const passwordHash = await argon2Hash(password);
      await db.transaction().execute(async (trx) => {
        await repo.resetCredentials(trx, user.id, {
          passwordHash,
          ...(totp ? { totpSecret: totp.secret } : {}),
        });
        const sessions = await credentials.endSessions(trx, user.id);
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

    async grant(
      actor: Actor,
      input: { username: string; mechanism: string; role: string; party?: string | null },
    ): Promise<StoredGrant> {
      authorize(actor, 'access.manage');
      const user = await userNamed(input.username);
      // An admin reads no personal data but through break-glass, which is flagged and reported.
      if (user.is_admin) {
        throw new AppError(
          'ACCESS.INVALID_GRANT',
          `${user.username} is an admin, and admins hold no roles: an admin reads lists only through break-glass access; give the person an account of their own for the role`,
        );
      }
      const grant = await resolveGrant(actor, input);
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
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
