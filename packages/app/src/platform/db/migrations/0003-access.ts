import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_user')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('username', 'text', (col) =>
      col
        .notNull()
        .unique()
        .check(sql`username ~ '^[a-z0-9._-]{2,64}$'`),
    )
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('is_admin', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('must_change_password', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('totp_secret', 'text')
    .addColumn('failed_sign_ins', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('role_grant')
    .addColumn('user_id', 'uuid', (col) =>
      col.notNull().references('app_user.id').onDelete('cascade'),
    )
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`role in ('party_officer', 'party_medical_officer', 'mediator', 'neutral_verifier', 'observer')`,
        ),
    )
    // Party roles act for one party; the others for the whole mechanism ('' keeps the key simple).
    .addColumn('party_code', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('granted_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('granted_by', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('role_grant_pk', ['user_id', 'mechanism_id', 'role', 'party_code'])
    .addCheckConstraint(
      'role_grant_party',
      sql`(role in ('party_officer', 'party_medical_officer')) = (party_code <> '')`,
    )
    .execute();

  await db.schema
    .createTable('user_session')
    // The SHA-256 of the cookie's token: a stolen database holds no usable session.
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'uuid', (col) =>
      col.notNull().references('app_user.id').onDelete('cascade'),
    )
    .addColumn('csrf_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('user_id', 'uuid', (col) =>
      col.notNull().references('app_user.id').onDelete('cascade'),
    )
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('party_code', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['api_token', 'user_session', 'role_grant', 'app_user']) {
    await db.schema.dropTable(table).execute();
  }
}
