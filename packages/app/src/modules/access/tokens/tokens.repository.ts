import type { Database } from '../../../platform/db/kysely.ts';
import type { Grant, Role } from '../domain/permissions.ts';

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

export async function revokeTokensOf(db: Database, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
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

/** Revokes the tokens made for a grant: a token never outlives its role. */
export async function revokeTokensOfGrant(
  db: Database,
  userId: string,
  grant: Grant,
  now: Date,
): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('mechanism_id', '=', grant.mechanismId)
    .where('role', '=', grant.role)
    .where('party_code', '=', grant.party ?? '')
    .where('revoked_at', 'is', null)
    .execute();
}

/** The owner of a token, to let its owner (or an admin) revoke it. */
export function findTokenOwner(db: Database, id: string) {
  return db.selectFrom('api_token').select(['user_id']).where('id', '=', id).executeTakeFirst();
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
