import { sql } from 'kysely';
import type { Database } from './kysely.ts';

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
    await sql`select ${sql.join(
      entries.map(([name, value]) => sql`set_config(${`parley.${name}`}, ${value}, true)`),
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
