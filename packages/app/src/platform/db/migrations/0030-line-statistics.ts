import { sql, type Kysely } from 'kysely';

/**
 * The planner's statistics of the lines, gathered by an import. PGlite has no autovacuum, and a
 * PostgreSQL may run without it or reach a table late; until a table is analyzed the planner
 * guesses, for 100,000 lines of one version, 270, and a search then read its trigram candidates
 * together with the whole version's entries in the line-order index (issue 17: 23 ms of
 * PostgreSQL's CPU a search against 9 with statistics). ANALYZE takes the table's owner, which
 * parley_app is not: this function, run with its owner's rights, analyzes the two tables of lines
 * and nothing else, when the lines just added are a tenth of the table or more (autovacuum's own
 * default threshold), so that a small import into a large table costs no sampling of it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function parley_analyze_lines(added bigint) returns boolean
    language plpgsql security definer set search_path from current as $$
    begin
      if added < 0.1 * greatest((select reltuples from pg_class where oid = 'list_line'::regclass), 0) then
        return false;
      end if;
      analyze list_line;
      analyze list_line_health;
      return true;
    end $$`.execute(db);
  await sql`revoke all on function parley_analyze_lines(bigint) from public`.execute(db);
  await sql`grant execute on function parley_analyze_lines(bigint) to parley_app`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function parley_analyze_lines(bigint)`.execute(db);
}
