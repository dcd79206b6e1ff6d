import { sql } from 'kysely';
import type { Database } from '../../platform/db/kysely.ts';

// The registry's data that retention periods reach (retention/domain/retention.ts names the
// categories): the retention module finds and deletes it through these, never its tables.

/** The list versions older than `before` that still hold health data. */
export const expiringHealthData = {
  async findExpired(db: Database, before: Date): Promise<string[]> {
    const rows = await sql<{ id: string }>`
      select distinct v.id from list_version v
      join list_line_health h on h.version_id = v.id
      where v.created_at < ${before}`.execute(db);
    return rows.rows.map((row) => row.id);
  },
  /** Deletes the health data of those versions (the lines stay); returns the rows removed. */
  async deleteExpired(db: Database, versionIds: string[]): Promise<number> {
    const deleted = await db
      .deleteFrom('list_line_health')
      .where('version_id', 'in', versionIds)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  },
};

/** The list versions older than `before` that a newer version of the same list replaced. */
export const expiringSupersededVersions = {
  async findExpired(db: Database, before: Date): Promise<string[]> {
    const rows = await sql<{ id: string }>`
      select v.id from list_version v
      where v.created_at < ${before}
        and exists (select 1 from list_version newer where newer.list_id = v.list_id and newer.number > v.number)`.execute(
      db,
    );
    return rows.rows.map((row) => row.id);
  },
  /** Deletes those versions; their lines and health data go with them (on delete cascade). */
  async deleteExpired(db: Database, versionIds: string[]): Promise<number> {
    const deleted = await db
      .deleteFrom('list_version')
      .where('id', 'in', versionIds)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  },
};
