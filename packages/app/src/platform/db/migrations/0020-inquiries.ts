import { sql, type Kysely } from 'kysely';

const SYSTEM = sql`(select parley_is_system())`;
const inScope = (column: string, scope: string) =>
  sql`${sql.raw(column)}::text = any ((select parley_scope(${sql.lit(scope)}))::text[])`;
const partyInScope = (mechanism: string, party: string, scope: string) =>
  sql`(${sql.raw(mechanism)}::text || ':' || ${sql.raw(party)}) = any ((select parley_scope(${sql.lit(scope)}))::text[])`;
const inList = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

const STATUSES = [
  'no_information',
  'under_review',
  'acknowledged',
  'on_stage',
  'handed_over',
  'remains_identified',
  'closed',
];

/**
 * Families' inquiries (issue 18): the sought person of each inquiry with its status and the
 * status's history, the engine's matches of each inquiry against what Parley knows, and the
 * inquirer in a compartment of its own that only the party's bureau (its officers) reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('mechanism_id', 'uuid', (col) =>
        col.notNull().references('mechanism.id').onDelete('cascade'),
      )
      .addColumn('party_code', 'text', (col) => col.notNull());

  await id('inquiry')
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('channel', 'text', (col) =>
      col.notNull().check(inList('channel', ['phone', 'letter', 'in_person', 'online', 'file'])),
    )
    .addColumn('received_on', 'text', (col) => col.notNull())
    .addColumn('surname', 'text')
    .addColumn('given_name', 'text')
    .addColumn('patronymic', 'text')
    .addColumn('surname_latin', 'text')
    .addColumn('given_name_latin', 'text')
    .addColumn('sex', 'text')
    .addColumn('date_of_birth', 'text')
    .addColumn('place_of_birth', 'text')
    .addColumn('rank', 'text')
    .addColumn('service_number', 'text')
    .addColumn('unit', 'text')
    .addColumn('last_known_place', 'text')
    .addColumn('last_known_date', 'text')
    .addColumn('circumstances', 'text')
    .addColumn('marks', 'text')
    .addColumn('consent_tracing', 'boolean', (col) => col.notNull())
    .addColumn('share_mediator', 'boolean', (col) => col.notNull())
    .addColumn('share_icrc', 'boolean', (col) => col.notNull())
    .addColumn('share_other_party', 'boolean', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(inList('status', STATUSES)))
    .addColumn('status_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('inquiry_number', ['mechanism_id', 'party_code', 'number'])
    .execute();
  await db.schema
    .createIndex('inquiry_open')
    .on('inquiry')
    .columns(['mechanism_id', 'party_code', 'status'])
    .execute();

  await db.schema
    .createTable('inquiry_inquirer')
    .addColumn('inquiry_id', 'uuid', (col) =>
      col.primaryKey().references('inquiry.id').onDelete('cascade'),
    )
    .addColumn('mechanism_id', 'uuid', (col) => col.notNull())
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('relation', 'text', (col) => col.notNull())
    .addColumn('contact', 'text', (col) => col.notNull())
    .addColumn('language', 'text', (col) =>
      col.notNull().check(inList('language', ['uk', 'ru', 'en'])),
    )
    .execute();

  await id('inquiry_status_event')
    .addColumn('inquiry_id', 'uuid', (col) =>
      col.notNull().references('inquiry.id').onDelete('cascade'),
    )
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (col) => col.notNull().check(inList('to_status', STATUSES)))
    .addColumn('reason', 'text')
    .addColumn('on_date', 'text')
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('inquiry_status_event_inquiry')
    .on('inquiry_status_event')
    .columns(['inquiry_id', 'at'])
    .execute();

  await id('inquiry_match')
    .addColumn('inquiry_id', 'uuid', (col) =>
      col.notNull().references('inquiry.id').onDelete('cascade'),
    )
    .addColumn('target_party', 'text', (col) => col.notNull())
    .addColumn('target_version_id', 'uuid', (col) => col.notNull())
    .addColumn('target_record_id', 'text', (col) => col.notNull())
    .addColumn('probability', 'double precision', (col) => col.notNull())
    .addColumn('engine_decision', 'text', (col) =>
      col.notNull().check(inList('engine_decision', ['match', 'possible'])),
    )
    .addColumn('status', 'text', (col) =>
      col.notNull().check(inList('status', ['matched', 'proposed', 'confirmed', 'rejected'])),
    )
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('found_at', 'timestamptz', (col) => col.notNull())
    .addUniqueConstraint('inquiry_match_target', ['inquiry_id', 'target_party', 'target_record_id'])
    .execute();

  // Two inquiries the engine found to be about the same sought person (a mother and a wife asking
  // separately), the lower id first; a doubtful one waits for the bureau to confirm or reject it.
  await id('inquiry_same_person')
    .addColumn('inquiry_id', 'uuid', (col) =>
      col.notNull().references('inquiry.id').onDelete('cascade'),
    )
    .addColumn('other_id', 'uuid', (col) =>
      col.notNull().references('inquiry.id').onDelete('cascade'),
    )
    .addColumn('probability', 'double precision', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(inList('status', ['matched', 'proposed', 'confirmed', 'rejected'])),
    )
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('found_at', 'timestamptz', (col) => col.notNull())
    .addUniqueConstraint('inquiry_same_person_pair', ['inquiry_id', 'other_id'])
    .execute();

  // The inquiry, its history and its matches: the party's own bureau; the mediator and the
  // verifier only where the family shared the inquiry with them (the service tells which one);
  // written by the party's officers and, for matching, by the system.
  const own = partyInScope('mechanism_id', 'party_code', 'write_parties');
  const shared = sql`exists (select 1 from inquiry i where i.id = inquiry_id
    and (i.share_mediator or i.share_icrc) and ${inScope('i.mechanism_id', 'lines_mechanisms')})`;
  const policies = {
    inquiry: sql`${SYSTEM} or ${own} or ((share_mediator or share_icrc) and ${inScope('mechanism_id', 'lines_mechanisms')})`,
    inquiry_status_event: sql`${SYSTEM} or ${own} or ${shared}`,
    inquiry_match: sql`${SYSTEM} or ${own} or ${shared}`,
    // Which of a party's inquiries are about one person: its bureau's business.
    inquiry_same_person: sql`${SYSTEM} or ${own}`,
    // The inquirer: the party's bureau alone, never the mediator, the verifier or the other side.
    inquiry_inquirer: sql`${SYSTEM} or ${own}`,
  };
  for (const [table, readable] of Object.entries(policies)) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.table(table)} force row level security`.execute(db);
    await sql`create policy ${sql.raw(`${table}_read`)} on ${sql.table(table)} for select using (${readable})`.execute(
      db,
    );
    for (const action of ['insert', 'update', 'delete'] as const) {
      const clause = action === 'insert' ? sql`with check` : sql`using`;
      await sql`create policy ${sql.raw(`${table}_${action}`)} on ${sql.table(table)} for ${sql.raw(action)} ${clause} (
        ${SYSTEM} or ${own}
      )`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'inquiry_same_person',
    'inquiry_match',
    'inquiry_status_event',
    'inquiry_inquirer',
    'inquiry',
  ])
    await db.schema.dropTable(table).execute();
}
