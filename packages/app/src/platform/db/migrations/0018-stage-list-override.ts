import type { Kysely } from 'kysely';

/**
 * The mediator's leave for one new list version to change or remove persons of an approved or
 * executing stage (issue 16): who gave it, when and why. The import that uses it clears it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('stage')
    .addColumn('list_override_by', 'text')
    .addColumn('list_override_at', 'timestamptz')
    .addColumn('list_override_reason', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('stage')
    .dropColumn('list_override_by')
    .dropColumn('list_override_at')
    .dropColumn('list_override_reason')
    .execute();
}
