import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Emergency access: a user reads a mechanism's lists outside their roles, for a stated reason and a short time.
  await db.schema
    .createTable('break_glass')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (col) =>
      col.notNull().references('app_user.id').onDelete('cascade'),
    )
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('reason', 'text', (col) => col.notNull().check(sql`length(trim(reason)) >= 20`))
    .addColumn('started_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .execute();

  // How long each category of data is kept, in days; a category without a row is kept.
  await db.schema
    .createTable('retention_policy')
    .addColumn('category', 'text', (col) => col.primaryKey())
    .addColumn('days', 'integer', (col) => col.notNull().check(sql`days > 0`))
    .addColumn('set_by', 'text', (col) => col.notNull())
    .addColumn('set_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('retention_policy').execute();
  await db.schema.dropTable('break_glass').execute();
}
