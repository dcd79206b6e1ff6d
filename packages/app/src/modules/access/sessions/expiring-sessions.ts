import type { Database } from '../../../platform/db/kysely.ts';

/**
 * The sign-in sessions that expired before `before`, by token hash, for the retention module,
 * which finds and deletes them through this, never the table.
 */
export const expiringSessions = {
  async findExpired(db: Database, before: Date): Promise<string[]> {
    const rows = await db
      .selectFrom('user_session')
      .select('token_hash')
      .where('expires_at', '<', before)
      .execute();
    return rows.map((row) => row.token_hash);
  },
  async deleteExpired(db: Database, tokenHashes: string[]): Promise<number> {
    const deleted = await db
      .deleteFrom('user_session')
      .where('token_hash', 'in', tokenHashes)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  },
};
