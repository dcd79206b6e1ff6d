import { createHash, randomBytes } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { Secret, TOTP } from 'otpauth';
import type { Database } from '../../platform/db/kysely.ts';
import { AppError } from '../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import * as repo from './access.repository.ts';
import { authorize } from './authorize.ts';
import { SYSTEM_ACTOR, type Actor } from './domain/actor.ts';
import { checkPassword } from './domain/password-policy.ts';
import {
  EMERGENCY_ROLE,
  PARTY_ROLES,
  ROLES,
  SECOND_FACTOR_ROLES,
  type Grant,
  type Role,
} from './domain/permissions.ts';

export interface AccessDeps {
  db: Database;
  audit: AuditLog;
  mechanisms: MechanismsService;
  clock?: () => Date;
}

const SESSION_HOURS = 12;
const LOCKOUT_AFTER = 5;
const LOCKOUT_MINUTES = 15;
const TOKEN_PREFIX = 'prl_';

let commonPasswords: Set<string> | undefined;
const isCommon = (lower: string) =>
  (commonPasswords ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()))).has(
    lower,
  );

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** A one-time password that meets the policy: 20 random characters. */
export function oneTimePassword(): string {
  return randomToken(15);
}

/** Accounts, roles, sessions and API tokens. */
export function createAccessService({
  db,
  audit,
  mechanisms,
  clock = () => new Date(),
}: AccessDeps) {
  async function hashPassword(username: string, password: string): Promise<string> {
    const verdict = checkPassword(password, { username, isCommon });
    if (!verdict.ok) throw new AppError('AUTH.PASSWORD_POLICY', verdict.reason);
    return argon2Hash(password);
  }

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

  function actorOfUser(
    user: { user_id: string; username: string; is_admin: boolean },
    grants: Grant[],
    requestId?: string,
  ): Actor {
    return {
      id: `user:${user.username}`,
      userId: user.user_id,
      isSystem: false,
      isAdmin: user.is_admin,
      grants,
      ...(requestId ? { requestId } : {}),
    };
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
      const totp = input.withTotp === false ? null : new Secret({ size: 20 });
      const id = await db.transaction().execute(async (trx) => {
        const userId = await repo.insertUser(trx, {
          username,
          displayName: input.displayName ?? username,
          passwordHash: await argon2Hash(password),
          isAdmin: Boolean(input.isAdmin),
          totpSecret: totp?.base32 ?? null,
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
      return {
        id,
        username,
        password,
        totpUri: totp
          ? new TOTP({ issuer: 'Parley', label: username, secret: totp }).toString()
          : null,
      };
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

    /** Signs a user in: password, then the second factor; repeated failures lock the account for a while. */
    async signIn(input: { username: string; password: string; totp?: string }, requestId?: string) {
      const user = await repo.findUserByName(db, input.username.trim().toLowerCase());
      const now = clock();
      const refused = new AppError(
        'AUTH.INVALID_CREDENTIALS',
        'the user name or password is wrong, or the account is locked for 15 minutes after repeated failures',
      );
      if (!user || user.disabled_at) {
        await argon2Hash(input.password); // the same time as a real check, so that names cannot be probed
        throw refused;
      }
      // A locked account answers like a wrong password, so that the answer does not tell who exists.
      if (user.locked_until && user.locked_until > now) throw refused;
      const grants = await repo.findGrants(db, user.id);
      const isPasswordRight = await argon2Verify(user.password_hash, input.password);
      const needsTotp = user.totp_secret !== null;
      const isTotpRight =
        !needsTotp ||
        (input.totp !== undefined &&
          new TOTP({ secret: Secret.fromBase32(user.totp_secret ?? '') }).validate({
            token: input.totp,
            window: 1,
          }) !== null);
      const actor = actorOfUser(
        { user_id: user.id, username: user.username, is_admin: user.is_admin },
        grants,
        requestId,
      );
      // A right password without a code only asks for the code; it is not a failed attempt.
      if (isPasswordRight && needsTotp && input.totp === undefined) {
        throw new AppError(
          'AUTH.SECOND_FACTOR_REQUIRED',
          'enter the code from your authenticator app',
        );
      }
      if (!isPasswordRight || !isTotpRight) {
        // After a lock has run out, counting starts again: five new failures lock it again.
        const hasLockExpired = user.locked_until !== null && user.locked_until <= now;
        const failures = (hasLockExpired ? 0 : user.failed_sign_ins) + 1;
        const lockUntil =
          failures >= LOCKOUT_AFTER ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null;
        await repo.recordSignIn(db, user.id, { ok: false, lockUntil });
        await audit.record(
          null,
          auditEvent(actor, 'auth.sign-in.failed', {
            mechanismId: null,
            objectIds: [user.id],
            details: { failures, locked: lockUntil !== null },
          }),
        );
        throw refused;
      }
      await repo.recordSignIn(db, user.id, { ok: true, lockUntil: null });
      const token = randomToken();
      const csrfToken = randomToken();
      await repo.insertSession(db, {
        tokenHash: sha256(token),
        userId: user.id,
        csrfToken,
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
      });
      await audit.record(
        null,
        auditEvent(actor, 'auth.sign-in', { mechanismId: null, objectIds: [user.id] }),
      );
      return {
        token,
        csrfToken,
        actor,
        mustChangePassword: user.must_change_password,
        maxAgeSeconds: SESSION_HOURS * 3600,
      };
    },

    async signOut(token: string): Promise<void> {
      await repo.deleteSession(db, sha256(token));
    },

    async changePassword(actor: Actor, input: { current: string; next: string }): Promise<void> {
      if (!actor.userId || !actor.id.startsWith('user:')) {
        throw new AppError(
          'ACCESS.FORBIDDEN',
          'a password is changed by its signed-in user, not with a token',
        );
      }
      const user = await repo.findUserById(db, actor.userId);
      if (!user || !(await argon2Verify(user.password_hash, input.current))) {
        throw new AppError('AUTH.INVALID_CREDENTIALS', 'the current password is wrong');
      }
      if (input.next === input.current)
        throw new AppError('AUTH.PASSWORD_POLICY', 'the new password must differ from the old one');
      await repo.setPassword(db, user.id, await hashPassword(user.username, input.next));
      await audit.record(
        null,
        auditEvent(actor, 'auth.password.change', { mechanismId: null, objectIds: [user.id] }),
      );
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

    /** The actor of a session cookie, with the CSRF token its writes must carry; null when unknown or expired. */
    async actorOfSession(token: string, requestId?: string) {
      const session = await repo.findSession(db, sha256(token), clock());
      if (!session || session.disabled_at) return null;
      const emergencies = await repo.findActiveBreakGlass(db, session.user_id, clock());
      const grants: Grant[] = [
        ...(await repo.findGrants(db, session.user_id)),
        ...emergencies.map((e) => ({
          mechanismId: e.mechanismId,
          role: EMERGENCY_ROLE,
          party: null,
        })),
      ];
      return {
        actor: { ...actorOfUser(session, grants, requestId), breakGlass: emergencies },
        csrfToken: session.csrf_token,
        mustChangePassword: session.must_change_password,
      };
    },

    /** The actor of an API token: only the one grant the token was made for. */
    async actorOfToken(token: string, requestId?: string): Promise<Actor | null> {
      if (!token.startsWith(TOKEN_PREFIX)) return null;
      const row = await repo.findToken(db, sha256(token), clock());
      if (!row || row.disabled_at) return null;
      const grant: Grant = {
        mechanismId: row.mechanism_id,
        role: row.role as Role,
        party: row.party_code || null,
      };
      return {
        id: `token:${row.id}`,
        userId: row.user_id,
        isSystem: false,
        isAdmin: false,
        grants: [grant],
        ...(requestId ? { requestId } : {}),
      };
    },
  };
}

export type AccessService = ReturnType<typeof createAccessService>;
