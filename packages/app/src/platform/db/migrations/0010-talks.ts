import { sql, type Kysely } from 'kysely';

const inList = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

/**
 * The record of the talks: rounds and their outcomes, documents tabled as versions of numbered
 * points with each party's positions, ceasefire regimes with their status history, violation
 * reports (observation apart from assessment), and each party's private notes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('mechanism_id', 'uuid', (col) =>
        col.notNull().references('mechanism.id').onDelete('cascade'),
      );

  await id('talks_round')
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('venue', 'text', (col) => col.notNull())
    .addColumn('mediators', 'jsonb', (col) => col.notNull())
    .addColumn('delegations', 'jsonb', (col) => col.notNull())
    .addColumn('duration_minutes', 'integer')
    .addColumn('summary', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('talks_round_number', ['mechanism_id', 'number'])
    .execute();
  await id('talks_outcome')
    .addColumn('round_id', 'uuid', (col) =>
      col.notNull().references('talks_round.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('agreement_id', 'uuid', (col) => col.references('agreement.id').onDelete('set null'))
    .addUniqueConstraint('talks_outcome_number', ['round_id', 'number'])
    .execute();

  await id('talks_document')
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('author', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) =>
      col.notNull().check(inList('kind', ['memorandum', 'plan', 'proposal', 'statement'])),
    )
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('talks_document_title', ['mechanism_id', 'title'])
    .execute();
  await id('talks_document_version')
    .addColumn('document_id', 'uuid', (col) =>
      col.notNull().references('talks_document.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('tabled_on', 'text', (col) => col.notNull())
    .addColumn('round_id', 'uuid', (col) => col.references('talks_round.id').onDelete('set null'))
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('talks_document_version_number', ['document_id', 'number'])
    .execute();
  await id('talks_point')
    .addColumn('version_id', 'uuid', (col) =>
      col.notNull().references('talks_document_version.id').onDelete('cascade'),
    )
    .addColumn('ordinal', 'integer', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) =>
      col
        .notNull()
        .check(
          inList('kind', [
            'ceasefire',
            'humanitarian',
            'security_guarantee',
            'territory',
            'sanctions',
            'sequence_step',
            'precondition',
          ]),
        ),
    )
    .addColumn('text', 'text', (col) => col.notNull())
    .addUniqueConstraint('talks_point_label', ['version_id', 'label'])
    .execute();
  await id('talks_position')
    .addColumn('point_id', 'uuid', (col) =>
      col.notNull().references('talks_point.id').onDelete('cascade'),
    )
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('stance', 'text', (col) =>
      col
        .notNull()
        .check(
          inList('stance', ['proposes', 'accepts', 'rejects', 'accepts_with_conditions', 'silent']),
        ),
    )
    .addColumn('conditions', 'text')
    .addColumn('stated_on', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('recorded_by', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('talks_position_point')
    .on('talks_position')
    .columns(['point_id', 'party_code'])
    .execute();

  await id('talks_ceasefire')
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(inList('kind', ['general', 'local'])))
    .addColumn('scope', 'jsonb', (col) => col.notNull())
    .addColumn('geography', 'text', (col) => col.notNull())
    .addColumn('sectors', 'jsonb', (col) => col.notNull())
    .addColumn('starts_at', 'timestamptz')
    .addColumn('duration_days', 'integer')
    .addColumn('extension', 'text')
    .addColumn('monitoring_body', 'text')
    .addColumn('proposed_by', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .check(inList('status', ['proposed', 'agreed', 'in_force', 'expired', 'broken'])),
    )
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('talks_ceasefire_name', ['mechanism_id', 'name'])
    .execute();
  await db.schema
    .createTable('talks_ceasefire_precondition')
    .addColumn('ceasefire_id', 'uuid', (col) =>
      col.notNull().references('talks_ceasefire.id').onDelete('cascade'),
    )
    .addColumn('point_id', 'uuid', (col) =>
      col.notNull().references('talks_point.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('talks_ceasefire_precondition_pk', ['ceasefire_id', 'point_id'])
    .execute();
  await id('talks_ceasefire_event')
    .addColumn('ceasefire_id', 'uuid', (col) =>
      col.notNull().references('talks_ceasefire.id').onDelete('cascade'),
    )
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('recorded_by', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await id('talks_violation')
    .addColumn('ceasefire_id', 'uuid', (col) =>
      col.references('talks_ceasefire.id').onDelete('set null'),
    )
    .addColumn('reporter_kind', 'text', (col) =>
      col.notNull().check(inList('reporter_kind', ['party', 'monitor'])),
    )
    .addColumn('reporter', 'text', (col) => col.notNull())
    .addColumn('verification', 'text', (col) =>
      col
        .notNull()
        .check(inList('verification', ['reported', 'confirmed', 'not_confirmed', 'disputed'])),
    )
    .addColumn('sector', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('observer_latitude', 'double precision', (col) =>
      col.check(sql`observer_latitude between -90 and 90`),
    )
    .addColumn('observer_longitude', 'double precision', (col) =>
      col.check(sql`observer_longitude between -180 and 180`),
    )
    .addColumn('window_start', 'timestamptz', (col) => col.notNull())
    .addColumn('window_end', 'timestamptz', (col) => col.notNull())
    .addColumn('event_type', 'text', (col) => col.notNull())
    .addColumn('event_count', 'integer', (col) => col.notNull().check(sql`event_count >= 1`))
    .addColumn('perceived', 'text', (col) => col.notNull())
    .addColumn('weapon', 'text')
    .addColumn('bearing_deg', 'double precision')
    .addColumn('distance_km', 'double precision')
    .addColumn('trajectory', 'text')
    .addColumn('confidence', 'text')
    .addColumn('consequences', 'text')
    .addColumn('attribution', 'text')
    .addColumn('import_id', 'uuid')
    .addColumn('import_line', 'integer')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('talks_violation_window')
    .on('talks_violation')
    .columns(['mechanism_id', 'window_start'])
    .execute();

  await id('talks_note')
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('subject', 'text')
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // A party's notes are its own: only its officers (the write_parties scope) see or write them.
  await sql`alter table talks_note enable row level security`.execute(db);
  await sql`alter table talks_note force row level security`.execute(db);
  await sql`create policy talks_note_all on talks_note for all using (
      (select parley_is_system())
      or (mechanism_id::text || ':' || party_code) = any ((select parley_scope('write_parties'))::text[])
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'talks_note',
    'talks_violation',
    'talks_ceasefire_event',
    'talks_ceasefire_precondition',
    'talks_ceasefire',
    'talks_position',
    'talks_point',
    'talks_document_version',
    'talks_document',
    'talks_outcome',
    'talks_round',
  ])
    await db.schema.dropTable(table).execute();
}
