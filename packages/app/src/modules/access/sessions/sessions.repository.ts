import type { Database } from '../../../platform/db/kysely.ts';

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
