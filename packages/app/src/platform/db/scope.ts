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
  const apply = async (trx: Database) => {
    for (const [name, value] of Object.entries(settings)) {
      await sql`select set_config(${`parley.${name}`}, ${value}, true)`.execute(trx);
    }
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
