import { sql, type Kysely } from 'kysely';

/** Repatriation of remains: batches between the parties, and the bags in them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('remains_batch')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('from_party', 'text', (col) => col.notNull())
    .addColumn('to_party', 'text', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) =>
      col.notNull().check(sql`state in ('offered', 'accepted', 'transferred', 'received')`),
    )
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('remains_batch_label', ['mechanism_id', 'label'])
    .execute();
  await db.schema
    .createTable('remains_bag')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('batch_id', 'uuid', (col) =>
      col.notNull().references('remains_batch.id').onDelete('cascade'),
    )
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('bodies', 'integer', (col) => col.notNull().check(sql`bodies between 1 and 20`))
    .addColumn('state', 'text', (col) =>
      col
        .notNull()
        .check(sql`state in ('pending', 'examined', 'identified', 'unidentified', 'foreign')`),
    )
    .addColumn('note', 'text')
    .addUniqueConstraint('remains_bag_label', ['batch_id', 'label'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('remains_bag').execute();
  await db.schema.dropTable('remains_batch').execute();
}
