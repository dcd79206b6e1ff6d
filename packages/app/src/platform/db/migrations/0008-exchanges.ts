import { sql, type Kysely } from 'kysely';

/**
 * Exchanges: each person's path to the handover, the stages, their signed manifests, and the
 * signing keys people register in a mechanism (the private keys never reach the server).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('signing_key')
    .addColumn('key_id', 'text', (col) => col.primaryKey())
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid', (col) =>
      col.notNull().references('app_user.id').onDelete('cascade'),
    )
    .addColumn('public_key', 'text', (col) => col.notNull())
    .addColumn('registered_by', 'text', (col) => col.notNull())
    .addColumn('registered_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('stage')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('agreement_id', 'uuid', (col) => col.notNull())
    .addColumn('agreement_version_id', 'uuid', (col) => col.notNull())
    // The version's formula, so that parity is checked again without reading the agreement.
    .addColumn('formula', 'jsonb', (col) => col.notNull())
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('place', 'text', (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('proposed', 'approved', 'executing', 'completed')`),
    )
    .addColumn('surplus', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('stage_number', ['mechanism_id', 'agreement_version_id', 'number'])
    .execute();

  // One row per person on the path: a line of a holding party's held list, by record_id.
  await db.schema
    .createTable('exchange_person')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('agreement_id', 'uuid', (col) => col.notNull())
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('receiving_party', 'text', (col) => col.notNull())
    .addColumn('list_version_id', 'uuid', (col) => col.notNull())
    .addColumn('record_id', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('priority', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('rank', 'text')
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('stage_id', 'uuid', (col) => col.references('stage.id'))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('exchange_person_record', ['agreement_id', 'party_code', 'record_id'])
    .execute();

  // Every move, append-only: the path can be told again from here.
  await db.schema
    .createTable('person_transition')
    .addColumn('seq', 'bigserial', (col) => col.primaryKey())
    .addColumn('person_id', 'uuid', (col) =>
      col.notNull().references('exchange_person.id').onDelete('cascade'),
    )
    .addColumn('mechanism_id', 'uuid', (col) => col.notNull())
    .addColumn('party_code', 'text', (col) => col.notNull())
    .addColumn('receiving_party', 'text', (col) => col.notNull())
    .addColumn('from_state', 'text', (col) => col.notNull())
    .addColumn('to_state', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor', 'text', (col) => col.notNull())
    .addColumn('at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('manifest')
    .addColumn('id', 'uuid', (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('mechanism_id', 'uuid', (col) =>
      col.notNull().references('mechanism.id').onDelete('cascade'),
    )
    .addColumn('stage_id', 'uuid', (col) => col.notNull().references('stage.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    // The canonical JSON text itself: what was hashed is what is kept, byte for byte.
    .addColumn('document', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull().unique())
    .addColumn('required_signers', 'jsonb', (col) => col.notNull())
    .addColumn('supersedes', 'uuid', (col) => col.references('manifest.id'))
    // Set for a handover receipt: the person it is for.
    .addColumn('person_id', 'uuid', (col) => col.references('exchange_person.id'))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('manifest_signature')
    .addColumn('manifest_id', 'uuid', (col) =>
      col.notNull().references('manifest.id').onDelete('cascade'),
    )
    .addColumn('signer', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('party_code', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('key_id', 'text', (col) => col.notNull().references('signing_key.key_id'))
    .addColumn('signature', 'text', (col) => col.notNull())
    .addColumn('signed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('manifest_signature_pk', ['manifest_id', 'role', 'party_code'])
    .execute();

  // Nothing changes after it is written: manifests, their signatures and the path's moves.
  await sql`
    create function parley_refuse_change() returns trigger language plpgsql as $$
      begin raise exception '% rows are never changed or deleted', tg_table_name; end $$`.execute(
    db,
  );
  for (const table of ['manifest', 'manifest_signature', 'person_transition']) {
    await sql`create trigger ${sql.raw(`${table}_frozen`)} before update or delete on ${sql.table(table)}
      for each row execute function parley_refuse_change()`.execute(db);
  }

  // The persons on the path are personal data of both parties: the holding party, the party the
  // person returns to, the mediator and the verifier see them (the lines scopes).
  for (const table of ['exchange_person', 'person_transition']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.table(table)} force row level security`.execute(db);
    await sql`create policy ${sql.raw(`${table}_all`)} on ${sql.table(table)} for all using (
      (select parley_is_system())
      or mechanism_id::text = any ((select parley_scope('lines_mechanisms'))::text[])
      or (mechanism_id::text || ':' || party_code) = any ((select parley_scope('lines_parties'))::text[])
      or (mechanism_id::text || ':' || receiving_party) = any ((select parley_scope('lines_parties'))::text[])
    )`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'manifest_signature',
    'manifest',
    'person_transition',
    'exchange_person',
    'stage',
    'signing_key',
  ])
    await db.schema.dropTable(table).execute();
  await sql`drop function parley_refuse_change()`.execute(db);
}
