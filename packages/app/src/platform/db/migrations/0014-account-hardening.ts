import { sql, type Kysely } from 'kysely';

/**
 * Accounts, hardened (issue 14): service accounts that are visibly not persons and sign in with
 * no password, the last time step of an authenticator code used (a code is good once, RFC 6238
 * §5.2), and an authenticator being enrolled until its first code confirms it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('app_user')
    .addColumn('is_service', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('totp_last_step', 'bigint')
    .addColumn('totp_pending_secret', 'text')
    .execute();
  // A service account acts only through the tokens an admin makes for it: never an admin, never a second factor.
  await sql`alter table app_user add constraint app_user_service check (
    not is_service or (not is_admin and totp_secret is null and totp_pending_secret is null)
  )`.execute(db);
  // Until now only admins (and the command line) made tokens, each acting as a person without
  // that person's second factor: every one of them is revoked. People make their own again.
  await sql`update api_token set revoked_at = now() where revoked_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table app_user drop constraint app_user_service`.execute(db);
  await db.schema
    .alterTable('app_user')
    .dropColumn('is_service')
    .dropColumn('totp_last_step')
    .dropColumn('totp_pending_secret')
    .execute();
}
