import { sql, type Kysely } from 'kysely';

/**
 * What autovacuum would do for the lines after an import, done by the import itself. PGlite has
 * no autovacuum, and a PostgreSQL may run without it or reach a table late:
 * - until a table is analyzed the planner guesses; for 100,000 lines of one version it guessed
 *   270, and a search then read its trigram candidates together with the whole version's entries
 *   in the line-order index (issue 17: 23 ms of PostgreSQL's CPU a search against 9 with
 *   statistics);
 * - the trigram indexes take new entries into a pending list, unsorted, which every search reads
 *   whole until a vacuum merges it (up to 4 MB: `gin_pending_list_limit`).
 * Both take the table's owner, which parley_app is not: this function, run with its owner's
 * rights, merges the lines' pending index entries and analyzes the two tables of lines, and
 * nothing else. It analyzes only when the lines just added are a tenth of the table or more
 * (autovacuum's own default threshold), so that a small import into a large table costs no
 * sampling of it. Whether it analyzed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function parley_settle_lines(added bigint) returns boolean
    language plpgsql security definer set search_path from current as $$
    begin
      perform gin_clean_pending_list('list_line_search_text'::regclass);
      perform gin_clean_pending_list('list_line_name_key'::regclass);
      if added < 0.1 * greatest((select reltuples from pg_class where oid = 'list_line'::regclass), 0) then
        return false;
      end if;
      analyze list_line;
      analyze list_line_health;
      return true;
    end $$`.execute(db);
  await sql`revoke all on function parley_settle_lines(bigint) from public`.execute(db);
  await sql`grant execute on function parley_settle_lines(bigint) to parley_app`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function parley_settle_lines(bigint)`.execute(db);
}
