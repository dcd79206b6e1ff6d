import type { Kysely } from 'kysely';

/**
 * The day of the exchange (issue 16). The mediator's leave for one new list version to change
 * or remove persons of an approved or executing stage: who gave it, when and why (the import
 * that uses it clears it). And when and where each person was really handed over, as the
 * verifier records it, which may be hours before the record is made.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('stage')
    .addColumn('list_override_by', 'text')
    .addColumn('list_override_at', 'timestamptz')
    .addColumn('list_override_reason', 'text')
    .execute();
  await db.schema
    .alterTable('exchange_person')
    .addColumn('handed_over_at', 'timestamptz')
    .addColumn('handover_place', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('exchange_person')
    .dropColumn('handed_over_at')
    .dropColumn('handover_place')
    .execute();
  await db.schema
    .alterTable('stage')
    .dropColumn('list_override_by')
    .dropColumn('list_override_at')
    .dropColumn('list_override_reason')
    .execute();
}
