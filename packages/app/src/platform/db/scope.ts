import { sql, type Compilable } from 'kysely';
import { oneMessageReadOf, type Database } from './kysely.ts';
import { PLANNED_EACH_TIME } from './round-trips.ts';

/** Text that needs no quoting in a literal: letters, digits and the marks of ids and arrays. */
const PLAIN = /^[\w{}:,.-]*$/;

/**
 * Runs `work` in a transaction that carries the row-level security settings (`parley.<name>`);
 * inside a transaction already, the settings are added to it.
 */
export async function withScope<T>(
  db: Database,
  settings: Record<string, string>,
  work: (scoped: Database) => Promise<T>,
): Promise<T> {
  // One statement for all the settings: a round trip each would cost every scoped request.
  const entries = Object.entries(settings);
  const apply = async (trx: Database) => {
    if (entries.length === 0) return;
    // Written as literals when they are plain (ids, codes, arrays of them): a statement without
    // parameters goes out with the transaction's begin in one message (round-trips.ts).
    await sql`select ${sql.join(
      entries.map(([name, value]) =>
        PLAIN.test(name) && PLAIN.test(value)
          ? sql`set_config(${sql.lit(`parley.${name}`)}, ${sql.lit(value)}, true)`
          : sql`set_config(${`parley.${name}`}, ${value}, true)`,
      ),
    )}`.execute(trx);
  };
  if (db.isTransaction) {
    await apply(db);
    return work(db);
  }
  return db.transaction().execute(async (trx) => {
    await apply(trx);
    return work(trx);
  });
}

/**
 * The rows of one query under the row-level security settings: on PostgreSQL in one message
 * and one round trip where the query's values allow (round-trips.ts), otherwise in withScope's
 * transaction. For the reads every request makes (a page of lines).
 */
export async function scopedRead<Row>(
  db: Database,
  settings: Record<string, string>,
  query: Compilable<Row>,
): Promise<Row[]> {
  const compiled = query.compile();
  const read = db.isTransaction ? undefined : oneMessageReadOf(db);
  const rows = read ? await read(settings, compiled.sql, compiled.parameters) : null;
  if (rows) return rows as Row[];
  return withScope(db, settings, async (scoped) => (await scoped.executeQuery(compiled)).rows);
}

/**
 * The rows of a query that PostgreSQL plans for its own values each time, never by a generic
 * plan (round-trips.ts, PLANNED_EACH_TIME): for a query whose best plan depends on its values.
 */
export async function plannedEachTime<Row>(db: Database, query: Compilable<Row>): Promise<Row[]> {
  const compiled = query.compile();
  const { rows } = await db.executeQuery<Row>({
    ...compiled,
    sql: `${PLANNED_EACH_TIME}\n${compiled.sql}`,
  });
  return rows;
}
