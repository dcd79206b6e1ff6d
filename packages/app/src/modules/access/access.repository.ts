import { sql } from 'kysely';
import type { Database } from '../../platform/db/kysely.ts';
import type { Grant, Role } from './domain/permissions.ts';

export async function countAdmins(db: Database): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_admin', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findUserByName(db: Database, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Database, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Database,
  user: {
    username: string;
    displayName: string;
    passwordHash: string;
    isAdmin: boolean;
    totpSecret: string | null;
    isService?: boolean;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('app_user')
    .values({
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      is_admin: user.isAdmin,
      must_change_password: !user.isService,
      totp_secret: user.totpSecret,
      is_service: Boolean(user.isService),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function recordSignIn(
  db: Database,
  userId: string,
  outcome: { ok: boolean; lockUntil: Date | null },
) {
  await db
    .updateTable('app_user')
    .set((eb) =>
      outcome.ok
        ? { failed_sign_ins: 0, locked_until: null }
        : { failed_sign_ins: eb('failed_sign_ins', '+', 1), locked_until: outcome.lockUntil },
    )
    .where('id', '=', userId)
    .execute();
}

export async function setPassword(
  db: Database,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: false })
    .where('id', '=', userId)
    .execute();
}

export async function findGrants(db: Database, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grant')
    .select(['mechanism_id', 'role', 'party_code'])
    .where('user_id', '=', userId)
    .execute();
  return rows.map((row) => ({
    mechanismId: row.mechanism_id,
    role: row.role as Role,
    party: row.party_code || null,
  }));
}

export async function insertGrant(
  db: Database,
  userId: string,
  grant: Grant,
  grantedBy: string,
): Promise<void> {
  await db
    .insertInto('role_grant')
    .values({
      user_id: userId,
      mechanism_id: grant.mechanismId,
      role: grant.role,
      party_code: grant.party ?? '',
      granted_by: grantedBy,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function insertSession(
  db: Database,
  session: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('user_session')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
    })
    .execute();
}

export function findSession(db: Database, tokenHash: string, now: Date) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.user_id',
      's.csrf_token',
      'u.username',
      'u.is_admin',
      'u.must_change_password',
      'u.disabled_at',
      'u.totp_secret',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export async function insertToken(
  db: Database,
  token: { tokenHash: string; name: string; userId: string; grant: Grant; expiresAt: Date },
): Promise<string> {
  const { id } = await db
    .insertInto('api_token')
    .values({
      token_hash: token.tokenHash,
      name: token.name,
      user_id: token.userId,
      mechanism_id: token.grant.mechanismId,
      role: token.grant.role,
      party_code: token.grant.party ?? '',
      expires_at: token.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function findToken(db: Database, tokenHash: string, now: Date) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.user_id',
      't.mechanism_id',
      't.role',
      't.party_code',
      't.expires_at',
      'u.username',
      'u.disabled_at',
      'u.is_admin',
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.expires_at', '>', now)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeToken(db: Database, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertBreakGlass(
  db: Database,
  access: { userId: string; mechanismId: string; reason: string; expiresAt: Date },
): Promise<string> {
  const { id } = await db
    .insertInto('break_glass')
    .values({
      user_id: access.userId,
      mechanism_id: access.mechanismId,
      reason: access.reason,
      expires_at: access.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findActiveBreakGlass(db: Database, userId: string, now: Date) {
  const rows = await db
    .selectFrom('break_glass')
    .select(['id', 'mechanism_id', 'reason'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .execute();
  return rows.map((row) => ({ id: row.id, mechanismId: row.mechanism_id, reason: row.reason }));
}

export async function breakGlassReport(db: Database) {
  const rows = await db
    .selectFrom('break_glass as b')
    .innerJoin('app_user as u', 'u.id', 'b.user_id')
    .innerJoin('mechanism as m', 'm.id', 'b.mechanism_id')
    .select((eb) => [
      'b.id',
      'u.username',
      'm.name as mechanism',
      'b.reason',
      'b.started_at',
      'b.expires_at',
      eb
        .selectFrom('audit_entry as a')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .where(sql<boolean>`a.details ->> 'breakGlass' = b.id::text`)
        .as('actions'),
    ])
    .orderBy('b.started_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    mechanism: row.mechanism,
    reason: row.reason,
    startedAt: row.started_at,
    expiresAt: row.expires_at,
    actions: Number(row.actions ?? 0),
  }));
}

export async function listUsers(db: Database) {
  const users = await db
    .selectFrom('app_user')
    .select([
      'id',
      'username',
      'display_name',
      'is_admin',
      'totp_secret',
      'locked_until',
      'disabled_at',
      'must_change_password',
      'created_at',
      'is_service',
    ])
    .orderBy('username')
    .execute();
  const grants = await db
    .selectFrom('role_grant')
    .select(['user_id', 'mechanism_id', 'role', 'party_code'])
    .execute();
  return users.map((user) => ({
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    isAdmin: user.is_admin,
    isService: user.is_service,
    hasSecondFactor: user.totp_secret !== null,
    lockedUntil: user.locked_until,
    disabledAt: user.disabled_at,
    mustChangePassword: user.must_change_password,
    createdAt: user.created_at,
    grants: grants
      .filter((g) => g.user_id === user.id)
      .map((g) => ({
        mechanismId: g.mechanism_id,
        role: g.role as Role,
        party: g.party_code || null,
      })),
  }));
}

/** Removes a grant, and revokes the tokens made for it: a token never outlives its role. */
export async function deleteGrant(
  db: Database,
  userId: string,
  grant: Grant,
  now: Date,
): Promise<boolean> {
  const result = await db
    .deleteFrom('role_grant')
    .where('user_id', '=', userId)
    .where('mechanism_id', '=', grant.mechanismId)
    .where('role', '=', grant.role)
    .where('party_code', '=', grant.party ?? '')
    .executeTakeFirst();
  await db
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('mechanism_id', '=', grant.mechanismId)
    .where('role', '=', grant.role)
    .where('party_code', '=', grant.party ?? '')
    .where('revoked_at', 'is', null)
    .execute();
  return Number(result.numDeletedRows) > 0;
}

export async function setDisabled(
  db: Database,
  userId: string,
  disabledAt: Date | null,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ disabled_at: disabledAt, failed_sign_ins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

/** Ends a user's sessions, all of them or all but the one whose token hash is kept. */
export async function deleteSessionsOf(
  db: Database,
  userId: string,
  keepTokenHash?: string,
): Promise<number> {
  let query = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keepTokenHash) query = query.where('token_hash', '<>', keepTokenHash);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function revokeTokensOf(db: Database, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A new one-time password (to change at the next sign-in) and, on request, a new second factor. */
export async function resetCredentials(
  db: Database,
  userId: string,
  reset: { passwordHash: string; totpSecret?: string | null },
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      password_hash: reset.passwordHash,
      must_change_password: true,
      failed_sign_ins: 0,
      locked_until: null,
      ...(reset.totpSecret !== undefined
        ? { totp_secret: reset.totpSecret, totp_last_step: null, totp_pending_secret: null }
        : {}),
    })
    .where('id', '=', userId)
    .execute();
}

export async function listTokens(db: Database, now: Date, userId?: string) {
  let query = db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.name',
      't.user_id',
      'u.username',
      't.mechanism_id',
      't.role',
      't.party_code',
      't.created_at',
      't.expires_at',
      't.revoked_at',
    ])
    .orderBy('t.created_at', 'desc');
  if (userId) query = query.where('t.user_id', '=', userId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    userId: row.user_id,
    username: row.username,
    mechanismId: row.mechanism_id,
    role: row.role as Role,
    party: row.party_code || null,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    isActive: row.revoked_at === null && row.expires_at > now,
  }));
}

/**
 * Takes an authenticator code's time step as used, if no code of that step or a later one was:
 * a code is good once (RFC 6238, 5.2). False when the step was used already.
 */
export async function claimTotpStep(db: Database, userId: string, step: number): Promise<boolean> {
  const claimed = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Keeps a new authenticator's secret until a code from it confirms the enrolment. */
export async function setPendingSecondFactor(
  db: Database,
  userId: string,
  secret: string,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_pending_secret: secret })
    .where('id', '=', userId)
    .execute();
}

/** Makes the pending authenticator the account's own, with the step of the code that confirmed it used. */
export async function confirmSecondFactor(
  db: Database,
  userId: string,
  secret: string,
  step: number,
): Promise<boolean> {
  const confirmed = await db
    .updateTable('app_user')
    .set({ totp_secret: secret, totp_pending_secret: null, totp_last_step: step })
    .where('id', '=', userId)
    .where('totp_pending_secret', '=', secret)
    .where('totp_secret', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return confirmed !== undefined;
}

/** The owner of a token, to let its owner (or an admin) revoke it. */
export function findTokenOwner(db: Database, id: string) {
  return db.selectFrom('api_token').select(['user_id']).where('id', '=', id).executeTakeFirst();
}

/** The display names of accounts, by username. */
export async function displayNamesByUsername(
  db: Database,
  usernames: readonly string[],
): Promise<Map<string, string>> {
  if (usernames.length === 0) return new Map();
  const rows = await db
    .selectFrom('app_user')
    .select(['username', 'display_name'])
    .where('username', 'in', usernames)
    .execute();
  return new Map(rows.map((row) => [row.username, row.display_name]));
}

/** Each token's name and its owner's display name, by token id. */
export async function tokenLabels(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, { token: string; owner: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select(['api_token.id', 'api_token.name', 'app_user.display_name'])
    .where('api_token.id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, { token: row.name, owner: row.display_name }]));
}
