import { sql, type Kysely } from 'kysely';

// Each scope names a `parley.<name>` setting that platform/db/scope.ts sets from the actor's roles
// (rowScope in modules/access): whole mechanisms, or '<mechanism>:<party>' pairs.
const SYSTEM = sql`(select parley_is_system())`;
const inScope = (column: string, scope: string) =>
  sql`${sql.raw(column)}::text = any ((select parley_scope(${sql.lit(scope)}))::text[])`;
const partyInScope = (mechanism: string, party: string, scope: string) =>
  sql`(${sql.raw(mechanism)}::text || ':' || ${sql.raw(party)}) = any ((select parley_scope(${sql.lit(scope)}))::text[])`;

/**
 * Row policies on the party tables that had none (issue 14): a list's versions (file names,
 * counts, import warnings that quote the file), the stages of an exchange, and the manifests,
 * which name every person of a stage with dates of birth and service numbers. As for lines
 * (0004), the application's role sees only what the transaction's scope allows, and nothing
 * without one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['list_version', 'stage', 'manifest']) {
    await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
    await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  }

  // Versions: whoever may list them (list.versions): whole mechanisms for the mediator, the
  // verifier, observers and break-glass readers; a party role its own party's. Written by the
  // party's officer (an import); deleted by the system only (retention).
  const ofList = (condition: ReturnType<typeof sql>) => sql`exists (
    select 1 from person_list l where l.id = list_version.list_id and ${condition})`;
  await sql`create policy list_version_read on list_version for select using (
    ${SYSTEM}
    or ${ofList(sql`(${inScope('l.mechanism_id', 'versions_mechanisms')} or ${partyInScope('l.mechanism_id', 'l.party_code', 'versions_parties')})`)}
  )`.execute(db);
  await sql`create policy list_version_insert on list_version for insert with check (
    ${SYSTEM} or ${ofList(partyInScope('l.mechanism_id', 'l.party_code', 'write_parties'))}
  )`.execute(db);
  await sql`create policy list_version_delete on list_version for delete using (${SYSTEM})`.execute(
    db,
  );

  // Stages: every role held in the mechanism sees them (the overview, the talks' timeline); the
  // roles of the exchange write them (the service checks which may do what).
  await sql`create policy stage_read on stage for select using (
    ${SYSTEM} or ${inScope('mechanism_id', 'members_mechanisms')}
  )`.execute(db);
  for (const action of ['insert', 'update'] as const) {
    const clause = action === 'insert' ? sql`with check` : sql`using`;
    await sql`create policy ${sql.raw(`stage_${action}`)} on stage for ${sql.raw(action)} ${clause} (
      ${SYSTEM} or ${inScope('mechanism_id', 'exchange_mechanisms')}
    )`.execute(db);
  }

  // Manifests and receipts: the roles that read the exchange (both parties sign a stage's
  // manifest, so each party's officers read it whole); never observers.
  for (const action of ['select', 'insert'] as const) {
    const clause = action === 'insert' ? sql`with check` : sql`using`;
    await sql`create policy ${sql.raw(`manifest_${action}`)} on manifest for ${sql.raw(action)} ${clause} (
      ${SYSTEM} or ${inScope('mechanism_id', 'exchange_mechanisms')}
    )`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, policies] of [
    ['list_version', ['read', 'insert', 'delete']],
    ['stage', ['read', 'insert', 'update']],
    ['manifest', ['select', 'insert']],
  ] as const) {
    for (const policy of policies) {
      await sql`drop policy ${sql.raw(`${table}_${policy}`)} on ${sql.table(table)}`.execute(db);
    }
    await sql`alter table ${sql.table(table)} disable row level security`.execute(db);
  }
}
