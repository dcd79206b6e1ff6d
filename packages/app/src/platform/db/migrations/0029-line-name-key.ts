import { sql, type Kysely } from 'kysely';

/**
 * A name search across scripts read every line of the version with one regular expression
 * (`name_text ~* <the spellings of the name>`, 150 ms for 100,000 lines, twice a search: issue
 * 17). The trigram index on `name_text` could not serve it: the pattern's optional letters and
 * signs leave it so few trigrams that it selects every line. Each line now keeps its names' key
 * (registry domain/name-key.ts: one letter for each letter, digraphs never merged, soft signs and
 * the letters of "i" left out), trigram-indexed: the search finds its candidates in that index
 * and checks only those against the pattern. The index on `name_text` goes: once the planner may
 * use it (below), it chose it, at 150 ms a search.
 *
 * No index served a search under row-level security, though: the planner keeps a query's own
 * conditions after the row policies, and so out of every index scan, unless their functions are
 * LEAKPROOF. LIKE and the regular expressions are not, so every search read the whole version
 * (378 ms for 100,000 lines under the policies; 10 ms through the indexes once they are).
 * Declaring them LEAKPROOF takes a superuser: done here when the migrating role is one (PGlite,
 * and PostgreSQL installs that migrate as a superuser), otherwise by the database's
 * administrator (docs/deployment.md). What LEAKPROOF promises, that an error never tells a
 * row's value, holds for the patterns Parley writes: they come from the request, never from a
 * row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The same letters as name-key.ts (KEY_FROM, KEY_TO); registry.search.db.test.ts holds them equal.
  const from = "абвгґдеєёэжзклмнопрстуфхцчшщюяqwxьъ'’ʼ`іиїыйiyjh";
  const to = 'abvggdeeeezzklmnoprstufkccssuakvk';
  await sql`alter table list_line add column name_key text generated always as (translate(lower(
    coalesce(surname, '') || ' ' || coalesce(given_name, '') || ' ' || coalesce(patronymic, '')),
    ${sql.lit(from)}, ${sql.lit(to)})) stored`.execute(db);
  await sql`create index list_line_name_key on list_line using gin (name_key gin_trgm_ops)`.execute(
    db,
  );
  await sql`drop index if exists list_line_name_text`.execute(db);
  await sql`
    do $$ begin
      if (select rolsuper from pg_roles where rolname = current_user) then
        ${sql.raw(LEAKPROOF.map((f) => `alter function ${f} leakproof;`).join(' '))}
      end if;
    end $$`.execute(db);
}

/** The functions of LIKE, ~ and ~* on text, which the name search's trigram indexes serve. */
const LEAKPROOF = ['textlike(text, text)', 'textregexeq(text, text)', 'texticregexeq(text, text)'];

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$ begin
      if (select rolsuper from pg_roles where rolname = current_user) then
        ${sql.raw(LEAKPROOF.map((f) => `alter function ${f} not leakproof;`).join(' '))}
      end if;
    end $$`.execute(db);
  await sql`create index list_line_name_text on list_line using gin (name_text gin_trgm_ops)`.execute(
    db,
  );
  await sql`drop index if exists list_line_name_key`.execute(db);
  await sql`alter table list_line drop column name_key`.execute(db);
}
