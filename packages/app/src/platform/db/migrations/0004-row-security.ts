import { sql, type Kysely } from 'kysely';

/**
 * Row-level security on the tables with personal data. The application runs as the role
 * parley_app, which owns nothing, so the policies bind it; each transaction says whom it acts for
 * in settings (see platform/db/scope.ts). Without them a query sees no personal data at all.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$ begin
      if not exists (select from pg_roles where rolname = 'parley_app') then
        create role parley_app nologin;
      end if;
    end $$`.execute(db);
  await sql`grant usage on schema public to parley_app`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to parley_app`.execute(
    db,
  );
  await sql`grant usage, select on all sequences in schema public to parley_app`.execute(db);
  await sql`alter default privileges in schema public grant select, insert, update, delete on tables to parley_app`.execute(
    db,
  );
  await sql`alter default privileges in schema public grant usage, select on sequences to parley_app`.execute(
    db,
  );
  await sql`revoke update, delete, truncate on audit_entry, audit_checkpoint from parley_app`.execute(
    db,
  );

  // Each setting is a text array; a scalar subquery over it is evaluated once per query, not per row.
  await sql`
    create function parley_scope(name text) returns text[] language sql stable as $$
      select coalesce(nullif(current_setting('parley.' || name, true), ''), '{}')::text[]
    $$`.execute(db);
  await sql`
    create function parley_is_system() returns boolean language sql stable as $$
      select coalesce(current_setting('parley.system', true), '') = 'on'
    $$`.execute(db);

  for (const [table, compartment] of [
    ['list_line', 'lines'],
    ['list_line_health', 'health'],
  ] as const) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.table(table)} force row level security`.execute(db);
    // Whole mechanisms (mediator, verifier) or one party's rows in a mechanism ('<mechanism>:<party>').
    const visible = sql`(
      (select parley_is_system())
      or mechanism_id::text = any ((select parley_scope(${sql.lit(`${compartment}_mechanisms`)}))::text[])
      or (mechanism_id::text || ':' || party_code) = any ((select parley_scope(${sql.lit(`${compartment}_parties`)}))::text[])
    )`;
    await sql`create policy ${sql.raw(`${table}_read`)} on ${sql.table(table)} for select using ${visible}`.execute(
      db,
    );
    const writable = sql`(
      (select parley_is_system())
      or (mechanism_id::text || ':' || party_code) = any ((select parley_scope('write_parties'))::text[])
    )`;
    await sql`create policy ${sql.raw(`${table}_insert`)} on ${sql.table(table)} for insert with check ${writable}`.execute(
      db,
    );
    await sql`create policy ${sql.raw(`${table}_delete`)} on ${sql.table(table)} for delete using ((select parley_is_system()))`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['list_line', 'list_line_health']) {
    for (const action of ['read', 'insert', 'delete']) {
      await sql`drop policy ${sql.raw(`${table}_${action}`)} on ${sql.table(table)}`.execute(db);
    }
    await sql`alter table ${sql.table(table)} disable row level security`.execute(db);
  }
  await sql`drop function parley_scope(text)`.execute(db);
  await sql`drop function parley_is_system()`.execute(db);
}
