import { sql } from 'kysely';
import type { Database } from '../../../platform/db/kysely.ts';

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
