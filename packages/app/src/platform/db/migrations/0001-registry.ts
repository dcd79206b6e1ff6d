import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<unknown>: they must not depend on today's schema types.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('party')
    .addColumn('code', 'text', (col) => col.primaryKey().check(sql`code ~ '^[A-Z]{2,8}$'`))
    .addColumn('name', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('mechanism')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('mechanism_party')
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('party_code', 'text', (col) => col.notNull().references('party.code'))
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('party', 'mediator')`))
    .addPrimaryKeyConstraint('mechanism_party_pk', ['mechanism_id', 'party_code'])
    .execute();

  await db.schema
    .createTable('person_list')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mechanism_id', 'uuid', (col) => col.notNull())
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('held', 'sought')`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint(
      'person_list_party_fk',
      ['mechanism_id', 'party_code'],
      'mechanism_party',
      ['mechanism_id', 'party_code'],
      (fk) => fk.onDelete('cascade'),
    )
    .addUniqueConstraint('person_list_unique', ['mechanism_id', 'party_code', 'kind'])
    .execute();

  await db.schema
    .createTable('list_version')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('list_id', 'uuid', (col) =>
      col.notNull().references('person_list.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (col) => col.notNull().check(sql`number > 0`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('source_name', 'text', (col) => col.notNull())
    .addColumn('source_sha256', 'text', (col) => col.notNull())
    .addColumn('line_count', 'integer', (col) => col.notNull())
    .addColumn('flagged_line_count', 'integer', (col) => col.notNull())
    .addColumn('warnings', 'jsonb', (col) => col.notNull())
    .addUniqueConstraint('list_version_number_unique', ['list_id', 'number'])
    .execute();

  const partialDate = (column: string) =>
    sql.raw(`${column} ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'`);
  await db.schema
    .createTable('list_line')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('version_id', 'uuid', (col) => col.notNull())
    // Copied from the list, so that row-level security decides on the row's own columns.
    .addColumn('mechanism_id', 'uuid', (col) => col.notNull())
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('line_number', 'integer', (col) => col.notNull())
    .addColumn('record_id', 'text', (col) => col.notNull())
    .addColumn('surname', 'text')
    .addColumn('given_name', 'text')
    .addColumn('patronymic', 'text')
    .addColumn('surname_latin', 'text')
    .addColumn('given_name_latin', 'text')
    .addColumn('sex', 'text', (col) => col.check(sql`sex in ('M', 'F')`))
    .addColumn('date_of_birth', 'text', (col) => col.check(partialDate('date_of_birth')))
    .addColumn('place_of_birth', 'text')
    .addColumn('nationality', 'text', (col) => col.check(sql`nationality ~ '^[A-Z]{2}$'`))
    .addColumn('legal_status', 'text', (col) =>
      col.check(
        sql`legal_status in ('pow', 'retained_personnel', 'civilian_internee', 'civilian_detainee', 'undetermined')`,
      ),
    )
    .addColumn('rank', 'text')
    .addColumn('service_number', 'text')
    .addColumn('unit', 'text')
    .addColumn('capture_date', 'text', (col) => col.check(partialDate('capture_date')))
    .addColumn('capture_place', 'text')
    .addColumn('detention_place', 'text')
    .addColumn('notes', 'text')
    // Unknown columns of the file, kept as the submitter wrote them.
    .addColumn('extra', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    // Values imported with --accept-invalid: column -> raw text; the typed column stays null.
    .addColumn('invalid', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addUniqueConstraint('list_line_record_unique', ['version_id', 'record_id'])
    // Deferred: an import writes its lines while it still reads the file, and the version
    // row, which needs the final counts, last; all in one transaction.
    .addForeignKeyConstraint('list_line_version_fk', ['version_id'], 'list_version', ['id'], (fk) =>
      fk.onDelete('cascade').deferrable().initiallyDeferred(),
    )
    .execute();

  // Health data live apart from identity, as the compartment the access rules will guard.
  await db.schema
    .createTable('list_line_health')
    .addColumn('version_id', 'uuid', (col) => col.notNull())
    .addColumn('mechanism_id', 'uuid', (col) => col.notNull())
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('record_id', 'text', (col) => col.notNull())
    .addColumn('health_status', 'text', (col) =>
      col.check(
        sql`health_status in ('good', 'not_wounded', 'recovered', 'convalescent', 'sick', 'slightly_wounded', 'seriously_wounded', 'seriously_sick')`,
      ),
    )
    .addPrimaryKeyConstraint('list_line_health_pk', ['version_id', 'record_id'])
    .addForeignKeyConstraint(
      'list_line_health_line_fk',
      ['version_id', 'record_id'],
      'list_line',
      ['version_id', 'record_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  // Lines and versions are immutable once written: a new upload is a new version.
  await sql`
    create function parley_forbid_change() returns trigger language plpgsql as $$
    begin
      raise exception '% of % is not allowed: list versions are immutable', tg_op, tg_table_name;
    end $$`.execute(db);
  for (const table of ['list_version', 'list_line', 'list_line_health']) {
    await sql`
      create trigger ${sql.raw(`${table}_immutable`)} before update on ${sql.table(table)}
      for each row execute function parley_forbid_change()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'list_line_health',
    'list_line',
    'list_version',
    'person_list',
    'mechanism_party',
    'mechanism',
    'party',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function parley_forbid_change()`.execute(db);
}
