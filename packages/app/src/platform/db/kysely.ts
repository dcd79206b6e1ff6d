import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, type MigrationResultSet } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import { migrations } from './migrations/index.ts';
import type { DB } from './schema.ts';

export type Database = Kysely<DB>;

/** Where a database comes from: the configured one, or an in-memory PGlite (optionally from a dump). */
export type DatabaseSource = DatabaseConfig | { kind: 'pglite-memory'; dump?: Blob };

export interface OpenDatabase {
  readonly db: Database;
  readonly kind: 'pglite' | 'postgres';
  /** Only for PGlite: a dump of the whole data directory, used to copy a migrated template. */
  dump(): Promise<Blob>;
  close(): Promise<void>;
}

// PostgreSQL returns bigint as text by default; counts in this app fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Opens the database the source names; it does not migrate. */
export async function openDatabase(source: DatabaseSource): Promise<OpenDatabase> {
  if (source.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: source.url, max: 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      dump: () => Promise.reject(new Error('dump() is only available on PGlite')),
      close: () => db.destroy(),
    };
  }
  let pglite: PGlite;
  if (source.kind === 'pglite') {
    await fs.mkdir(source.dataDir, { recursive: true });
    pglite = await PGlite.create(source.dataDir);
  } else {
    pglite = await PGlite.create(source.dump ? { loadDataDir: source.dump } : {});
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    dump: () => pglite.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Brings the schema to the newest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Database): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason =
      result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`migration ${failed} failed: ${reason}`, { cause: result.error });
  }
  return result;
}
