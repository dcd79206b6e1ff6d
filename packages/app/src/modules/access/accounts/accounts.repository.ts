import type { Database } from '../../../platform/db/kysely.ts';
import type { Grant, GrantableRole, StoredGrant } from '../domain/permissions.ts';

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

export async function findGrants(db: Database, userId: string): Promise<StoredGrant[]> {
  const rows = await db
    .selectFrom('role_grant')
    .select(['mechanism_id', 'role', 'party_code'])
    .where('user_id', '=', userId)
    .execute();
  return rows.map((row) => ({
    mechanismId: row.mechanism_id,
    role: row.role as GrantableRole,
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
        role: g.role as GrantableRole,
        party: g.party_code || null,
      })),
  }));
}

/** Removes a grant; false when the user did not hold it. */
export async function deleteGrant(db: Database, userId: string, grant: Grant): Promise<boolean> {
  const result = await db
    .deleteFrom('role_grant')
    .where('user_id', '=', userId)
    .where('mechanism_id', '=', grant.mechanismId)
    .where('role', '=', grant.role)
    .where('party_code', '=', grant.party ?? '')
    .executeTakeFirst();
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
