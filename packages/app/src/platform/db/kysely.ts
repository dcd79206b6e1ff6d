import fs from 'node:fs/promises';
import { PGlite, type messages } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { CompiledQuery, Kysely, Migrator, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import { migrations } from './migrations/index.ts';
import { fewerRoundTrips, oneMessageReads, type OneMessageRead } from './round-trips.ts';
import type { DB } from './schema.ts';

// pg_trgm serves the search of list lines (migration 0017); PostgreSQL ships it, PGlite loads it.
const EXTENSIONS = { pg_trgm };

export type Database = Kysely<DB>;

/** Where a database comes from: the configured one, or an in-memory PGlite (optionally from a dump). */
export type DatabaseSource = DatabaseConfig | { kind: 'pglite-memory'; dump?: Blob };

export interface OpenDatabase {
  /** Runs as the role parley_app, which row-level security binds. */
  readonly db: Database;
  readonly kind: 'pglite' | 'postgres';
  /** The migrations this opening applied. */
  readonly applied: string[];
  /** Runs `work` as the owner of the schema, which policies and grants do not bind: for tests and repairs only. */
  asOwner<T>(work: (owner: Database) => Promise<T>): Promise<T>;
  /** Only for PGlite: a dump of the whole data directory (a migrated template, or a backup). */
  dump(compression?: 'none' | 'gzip'): Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Bring the schema to the newest migration first (as the owner). */
  migrate?: boolean;
}

// PostgreSQL returns bigint as text by default; counts in this app fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

const APP_ROLE = 'parley_app';

/** The one-message reads of each PostgreSQL database (round-trips.ts). */
const oneMessage = new WeakMap<Database, OneMessageRead>();

/** Reads under a row scope in one round trip, where the database is PostgreSQL (scope.ts). */
export const oneMessageReadOf = (db: Database): OneMessageRead | undefined => oneMessage.get(db);

/** The PGlite behind each embedded database, for reads that bypass its decoding (textAsBytes). */
const embedded = new WeakMap<Database, PGlite>();

/** Opens the database the source names, migrating it when asked; its queries run as parley_app. */
export async function openDatabase(
  source: DatabaseSource,
  options: OpenOptions = {},
): Promise<OpenDatabase> {
  if (source.kind === 'postgres') {
    const ownerDb = () =>
      new Kysely<DB>({
        dialect: new PostgresDialect({
          pool: new pg.Pool({ connectionString: source.url, max: 1 }),
        }),
      });
    let applied: string[] = [];
    if (options.migrate) {
      const owner = ownerDb();
      try {
        applied = await migrateToLatest(owner);
      } finally {
        await owner.destroy();
      }
    }
    const pool = new pg.Pool({ connectionString: source.url, max: 10 });
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({
        pool: fewerRoundTrips(pool) as unknown as pg.Pool,
        // Every connection acts as parley_app before its first query; failing that, it fails loudly.
        onCreateConnection: async (connection) => {
          await connection
            .executeQuery(CompiledQuery.raw(`set role ${APP_ROLE}`))
            .catch((error: Error) => {
              throw new Error(
                `the database user cannot act as ${APP_ROLE} (grant it membership): ${error.message}`,
              );
            });
        },
      }),
    });
    oneMessage.set(db, oneMessageReads(pool, APP_ROLE));
    return {
      db,
      kind: 'postgres',
      applied,
      asOwner: async (work) => {
        const owner = ownerDb();
        try {
          return await work(owner);
        } finally {
          await owner.destroy();
        }
      },
      dump: () => Promise.reject(new Error('dump() is only available on PGlite')),
      close: () => db.destroy(),
    };
  }
  let pglite: PGlite;
  if (source.kind === 'pglite') {
    await fs.mkdir(source.dataDir, { recursive: true });
    pglite = await PGlite.create(source.dataDir, { extensions: EXTENSIONS });
  } else {
    pglite = await PGlite.create({
      extensions: EXTENSIONS,
      ...(source.dump ? { loadDataDir: source.dump } : {}),
    });
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  embedded.set(db, pglite);
  // PGlite is one connection: the role is switched on it, and switched back for owner work.
  const applied = options.migrate ? await migrateToLatest(db) : [];
  await pglite.exec(`set role ${APP_ROLE}`);
  return {
    db,
    kind: 'pglite',
    applied,
    asOwner: async (work) => {
      await pglite.exec('reset role');
      try {
        return await work(db);
      } finally {
        await pglite.exec(`set role ${APP_ROLE}`);
      }
    },
    dump: (compression = 'none') => pglite.dumpDataDir(compression),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * Creates the embedded database in an empty data directory from a backup made by `dump()`;
 * refuses a directory that already holds a database, so that nothing is overwritten.
 */
export async function restorePglite(dataDir: string, backup: Blob): Promise<void> {
  const existing = await fs.readdir(dataDir).catch(() => []);
  if (existing.length > 0)
    throw new Error(`${dataDir} already holds a database; restore into an empty data directory`);
  await fs.mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, { loadDataDir: backup, extensions: EXTENSIONS });
  await pglite.close();
}

/** Brings the schema to the newest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Database): Promise<string[]> {
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
  return (result.results ?? []).map((r) => r.migrationName);
}

/** Whether the database is the embedded PGlite, which one process alone can open. */
export const isEmbedded = (db: Database): boolean => embedded.has(db);

/**
 * Runs `copy (<query>) to stdout with (format binary)` on the embedded PGlite and returns the
 * rows in PostgreSQL's binary copy format, in a buffer of their own (to be moved to a worker
 * thread without a copy). Of the ways out of PGlite it costs this thread the least: a data row's
 * fields are each decoded to a string by PGlite's protocol parser, whatever the caller asks for,
 * while a copy's data stays bytes, and the binary format neither escapes nor formats what it
 * sends. The query has no parameters. It runs through PGlite's wire protocol on Kysely's one
 * connection, so that it never lands inside another caller's transaction. PostgreSQL is refused:
 * node-postgres has no copy out.
 */
export async function copyOutBinary(db: Database, query: string): Promise<Uint8Array> {
  const pglite = embedded.get(db);
  if (!pglite) throw new Error('copyOutBinary reads from the embedded PGlite only');
  const statement = `copy (${query}) to stdout with (format binary)`;
  // execProtocolStream keeps no copy of the raw answer besides its messages (execProtocol keeps
  // both), and empties its message list afterwards (execProtocolRaw alone kept every answer).
  const messages = await db
    .connection()
    .execute(() =>
      pglite.runExclusive(() =>
        pglite.execProtocolStream(simpleQuery(statement), { syncToFs: false }),
      ),
    );
  const chunks = messages.filter((m): m is messages.CopyDataMessage => m.name === 'copyData');
  const rows = new Uint8Array(chunks.reduce((length, { chunk }) => length + chunk.length, 0));
  let at = 0;
  for (const { chunk } of chunks) {
    rows.set(chunk, at);
    at += chunk.length;
  }
  return rows;
}

/** A simple-query message of the PostgreSQL wire protocol: 'Q', length, the text, a zero byte. */
function simpleQuery(query: string): Uint8Array {
  const text = Buffer.from(query, 'utf8');
  const message = Buffer.alloc(1 + 4 + text.length + 1);
  message.write('Q', 0, 'latin1');
  message.writeInt32BE(4 + text.length + 1, 1);
  text.copy(message, 5);
  return message;
}
