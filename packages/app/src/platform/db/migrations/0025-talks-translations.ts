import { sql, type Kysely } from 'kysely';

/**
 * The talks' translation memory: for a text of the talks as it was entered (a round's outcome, a
 * point, a position's conditions, a regime's terms, a place), the language it was written in and
 * its translations into the other languages of the interface, keyed by the text's SHA-256 so that
 * a translation always belongs to the exact words it translates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('talks_translation')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('source_sha256', 'text', (col) => col.notNull())
    .addColumn('language', 'text', (col) =>
      col.notNull().check(sql`language in ('en', 'uk', 'ru')`),
    )
    .addColumn('translations', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('talks_translation_source', ['mechanism_id', 'source_sha256'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('talks_translation').execute();
}
