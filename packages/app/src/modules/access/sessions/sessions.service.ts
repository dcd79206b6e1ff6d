import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { Database } from '../../../platform/db/kysely.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../../audit/index.ts';
import { accountRecords } from '../accounts/index.ts';
import { breakGlassRecords } from '../break-glass/index.ts';
import { tokenRecords, type TokenMemory } from '../tokens/index.ts';
import { randomToken, sha256, TOKEN_PREFIX } from '../credentials.ts';
import type { Actor } from '../domain/actor.ts';
import { checkPassword } from '../domain/password-policy.ts';
import { EMERGENCY_ROLE, type Grant, type Role } from '../domain/permissions.ts';
import { stepOfCode } from '../second-factor.ts';
import * as repo from './sessions.repository.ts';

export interface SessionsDeps {
  db: Database;
  audit: AuditLog;
  clock?: () => Date;
  /** The actors of tokens checked lately, which revocations in this process forget. */
  tokenActors?: TokenMemory<Actor>;
}

const SESSION_HOURS = 12;
const LOCKOUT_AFTER = 5;
const LOCKOUT_MINUTES = 15;

let commonPasswords: Set<string> | undefined;
const isCommon = (lower: string) =>
  (commonPasswords ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()))).has(
    lower,
  );

/** Sign-in, sessions, password changes, and the actor of each request's credentials. */
export function createSessionsService({
  db,
  audit,
  clock = () => new Date(),
  tokenActors,
}: SessionsDeps) {
  async function hashPassword(username: string, password: string): Promise<string> {
    const verdict = checkPassword(password, { username, isCommon });
    if (!verdict.ok) throw new AppError('AUTH.PASSWORD_POLICY', verdict.reason);
    return argon2Hash(password);
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
    /** Signs a user in: password, then the second factor; repeated failures lock the account for a while. */
    async signIn(input: { username: string; password: string; totp?: string }, requestId?: string) {
      const user = await accountRecords.findUserByName(db, input.username.trim().toLowerCase());
      const now = clock();
      const refused = new AppError(
        'AUTH.INVALID_CREDENTIALS',
        'the user name or password is wrong, or the account is locked for 15 minutes after repeated failures',
      );
      // A service account has no password: it acts only through its tokens.
      if (!user || user.disabled_at || user.is_service) {
        await argon2Hash(input.password); // the same time as a real check, so that names cannot be probed
        throw refused;
      }
      // A locked account answers like a wrong password, so that the answer does not tell who exists.
      if (user.locked_until && user.locked_until > now) throw refused;
      const grants = user.is_admin ? [] : await accountRecords.findGrants(db, user.id);
      const isPasswordRight = await argon2Verify(user.password_hash, input.password);
      const needsTotp = user.totp_secret !== null;
      const step =
        user.totp_secret !== null && input.totp !== undefined
          ? stepOfCode(user.totp_secret, input.totp, now)
          : null;
      // A code is good once (RFC 6238, 5.2): a second use of it, or of an older one, is refused.
      const isTotpRight =
        !needsTotp ||
        (step !== null &&
          isPasswordRight &&
          (await accountRecords.claimTotpStep(db, user.id, step)));
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
        await accountRecords.recordSignIn(db, user.id, { ok: false, lockUntil });
        await audit.record(
          null,
          auditEvent(actor, 'auth.sign-in.failed', {
            mechanismId: null,
            objectIds: [user.id],
            details: { failures, locked: lockUntil !== null },
          }),
        );
        // The password was right (the code was asked for because it was): say what was wrong.
        if (isPasswordRight && lockUntil === null) {
          throw new AppError(
            'AUTH.SECOND_FACTOR_WRONG',
            'the authenticator code is wrong or was used already: enter the code your app shows now',
          );
        }
        throw refused;
      }
      await accountRecords.recordSignIn(db, user.id, { ok: true, lockUntil: null });
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
        mustEnrolSecondFactor: !needsTotp,
        maxAgeSeconds: SESSION_HOURS * 3600,
      };
    },

    async signOut(token: string): Promise<void> {
      await repo.deleteSession(db, sha256(token));
    },

    /** Changes the signed-in user's password; every other session of the user ends. */
    async changePassword(
      actor: Actor,
      input: { current: string; next: string },
      currentSessionToken?: string,
    ): Promise<void> {
      if (!actor.userId || !actor.id.startsWith('user:')) {
        throw new AppError(
          'ACCESS.FORBIDDEN',
          'a password is changed by its signed-in user, not with a token',
        );
      }
      const user = await accountRecords.findUserById(db, actor.userId);
      if (!user || !(await argon2Verify(user.password_hash, input.current))) {
        throw new AppError('AUTH.INVALID_CREDENTIALS', 'the current password is wrong');
      }
      if (input.next === input.current)
        throw new AppError('AUTH.PASSWORD_POLICY', 'the new password must differ from the old one');
      const passwordHash = await hashPassword(user.username, input.next);
      await db.transaction().execute(async (trx) => {
        await accountRecords.setPassword(trx, user.id, passwordHash);
        const ended = await repo.deleteSessionsOf(
          trx,
          user.id,
          currentSessionToken ? sha256(currentSessionToken) : undefined,
        );
        await audit.record(
          trx,
          auditEvent(actor, 'auth.password.change', {
            mechanismId: null,
            objectIds: [user.id],
            details: { otherSessionsEnded: ended },
          }),
        );
      });
    },

    /** The actor of a session cookie, with the CSRF token its writes must carry; null when unknown or expired. */
    async actorOfSession(token: string, requestId?: string) {
      const session = await repo.findSession(db, sha256(token), clock());
      if (!session || session.disabled_at) return null;
      const emergencies = await breakGlassRecords.findActiveBreakGlass(
        db,
        session.user_id,
        clock(),
      );
      // An admin's roles, if an older version granted any, count for nothing: break-glass only.
      const held = session.is_admin ? [] : await accountRecords.findGrants(db, session.user_id);
      const grants: Grant[] = [
        ...held,
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
        mustEnrolSecondFactor: session.totp_secret === null,
      };
    },

    /**
     * The actor of an account, for work the deployment does in that person's name: the demo's
     * scripted story, so that its audit log names the demo accounts. Only the system may ask.
     */
    async actorOfAccount(actor: Actor, username: string): Promise<Actor> {
      if (!actor.isSystem)
        throw new AppError(
          'ACCESS.FORBIDDEN',
          "only the deployment itself acts in an account's name",
        );
      const user = await accountRecords.findUserByName(db, username);
      if (!user) throw new AppError('ACCESS.USER_NOT_FOUND', `no user ${username}`);
      const grants = user.is_admin ? [] : await accountRecords.findGrants(db, user.id);
      return actorOfUser(
        { user_id: user.id, username: user.username, is_admin: user.is_admin },
        grants,
      );
    },

    /** The actor of an API token: only the one grant the token was made for. */
    async actorOfToken(token: string, requestId?: string): Promise<Actor | null> {
      if (!token.startsWith(TOKEN_PREFIX)) return null;
      const hash = sha256(token);
      let known = tokenActors?.get(hash);
      if (!known) {
        const row = await tokenRecords.findToken(db, hash, clock());
        // An admin acts as a person signed in, never through a token (tokens are for roles).
        if (!row || row.disabled_at || row.is_admin) return null;
        const grant: Grant = {
          mechanismId: row.mechanism_id,
          role: row.role as Role,
          party: row.party_code || null,
        };
        known = {
          id: `token:${row.id}`,
          userId: row.user_id,
          isSystem: false,
          isAdmin: false,
          grants: [grant],
        };
        tokenActors?.remember(hash, known, new Date(row.expires_at));
      }
      return { ...known, ...(requestId ? { requestId } : {}) };
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
