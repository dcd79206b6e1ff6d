import { sql, type Kysely } from 'kysely';

/**
 * Rate limits that hold across server instances on one database (platform/http,
 * rate-limit-store.ts): a fixed window per route and client key. Sign-in counts here, so that
 * spreading password guesses over instances behind a proxy gains nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_window')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('window_start', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('hits', 'integer', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_window').execute();
}
