import { sql } from 'kysely';
import type { Database } from '../../platform/db/kysely.ts';
import type { RetentionCategory } from './domain/retention.ts';

export async function findPolicies(
  db: Database,
): Promise<Array<{ category: string; days: number }>> {
  return db
    .selectFrom('retention_policy')
    .select(['category', 'days'])
    .orderBy('category')
    .execute();
}

export async function upsertPolicy(
  db: Database,
  category: string,
  days: number,
  setBy: string,
): Promise<void> {
  await db
    .insertInto('retention_policy')
    .values({ category, days, set_by: setBy })
    .onConflict((oc) =>
      oc.column('category').doUpdateSet({ days, set_by: setBy, set_at: new Date() }),
    )
    .execute();
}

/** The ids of what has expired in a category: version ids, or session hashes. */
export async function findExpired(
  db: Database,
  category: RetentionCategory,
  before: Date,
): Promise<string[]> {
  switch (category) {
    case 'health': {
      const rows = await sql<{ id: string }>`
        select distinct v.id from list_version v
        join list_line_health h on h.version_id = v.id
        where v.created_at < ${before}`.execute(db);
      return rows.rows.map((row) => row.id);
    }
    case 'superseded_versions': {
      const rows = await sql<{ id: string }>`
        select v.id from list_version v
        where v.created_at < ${before}
          and exists (select 1 from list_version newer where newer.list_id = v.list_id and newer.number > v.number)`.execute(
        db,
      );
      return rows.rows.map((row) => row.id);
    }
    case 'sessions': {
      const rows = await db
        .selectFrom('user_session')
        .select('token_hash')
        .where('expires_at', '<', before)
        .execute();
      return rows.map((row) => row.token_hash);
    }
  }
}

/** Deletes what `findExpired` found; returns the number of rows removed. */
export async function deleteExpired(
  db: Database,
  category: RetentionCategory,
  ids: string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  switch (category) {
    case 'health':
      return Number(
        (await db.deleteFrom('list_line_health').where('version_id', 'in', ids).executeTakeFirst())
          .numDeletedRows,
      );
    case 'superseded_versions':
      // Lines and their health data go with the version (on delete cascade).
      return Number(
        (await db.deleteFrom('list_version').where('id', 'in', ids).executeTakeFirst())
          .numDeletedRows,
      );
    case 'sessions':
      return Number(
        (await db.deleteFrom('user_session').where('token_hash', 'in', ids).executeTakeFirst())
          .numDeletedRows,
      );
  }
}
