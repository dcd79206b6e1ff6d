import fs from 'node:fs/promises';
import path from 'node:path';
import { cliActor, type Actor } from '../modules/access/index.ts';
import type { AuditEvent } from '../modules/audit/index.ts';
import type { AppConfig } from '../platform/config.ts';
import { openDatabase, type OpenDatabase } from '../platform/db/kysely.ts';
import { AppError } from '../platform/errors.ts';
import { loadDeploymentKeys } from '../platform/crypto/deployment-keys.ts';
import { buildServices, type Services } from '../services.ts';
import { topicOfAction } from '../modules/inbox/index.ts';
import { notifyingChangeFeed, type Change } from '../platform/events/change-feed.ts';
import type { CliStreams, Output } from './output.ts';

export interface CliEnvironment {
  config: AppConfig;
  isInteractive: boolean;
  userName: string;
  /** Where output goes; the process's stdout and stderr when absent. */
  streams?: CliStreams;
  /**
   * A database already open and migrated, used by every command instead of opening the configured
   * one (and left open): the tests run commands in-process over their own copy of the template.
   */
  database?: OpenDatabase;
}

/** What a command works with: the services over a migrated database, the acting user and the output. */
export interface CommandContext {
  config: AppConfig;
  database: OpenDatabase;
  actor: Actor;
  out: Output;
  services: Services;
}

/**
 * Opens and migrates the configured database for one command, runs `work`, and always closes it.
 * On PostgreSQL, the servers' pages that follow what the command changed are told once it has
 * (NOTIFY on parley_changes, as a server instance tells the others); `serve` tells its own.
 */
export async function withContext<T>(
  env: CliEnvironment,
  out: Output,
  work: (context: CommandContext) => Promise<T>,
  options: { tellsServers?: boolean } = {},
): Promise<T> {
  // Background work a command started (matching families' inquiries against a new held list)
  // ends before the database closes.
  const run = async (context: CommandContext) => {
    const result = await work(context);
    await context.services.inquiryMatching.idle();
    await context.services.changes.flushed();
    return result;
  };
  const open = async (database: OpenDatabase) => {
    // Each mechanism's topic once, told when the command is done: a command writes much at once.
    const told = new Map<string, Change>();
    const tell = (change: Change) => told.set(`${change.mechanism}/${change.topic}`, change);
    const context = await commandContext(env, out, database, (event) => {
      const topic = event.mechanismId ? topicOfAction(event.action) : null;
      if (topic) tell({ mechanism: event.mechanismId!, topic });
    });
    const tells = database.kind === 'postgres' && options.tellsServers !== false;
    // What the command's background jobs change, with the rest.
    if (tells) context.services.changes.connect({ publish: async (change) => void tell(change) });
    const result = await run(context);
    if (tells) {
      const servers = notifyingChangeFeed(database.db);
      for (const change of told.values())
        await servers
          .publish(change)
          .catch((error: unknown) =>
            out.note(`the servers could not be told of the change: ${String(error)}`),
          );
    }
    return result;
  };
  if (env.database) return open(env.database);
  const release = await lockEmbeddedDatabase(env.config);
  try {
    const database = await openDatabase(env.config.database, { migrate: true });
    try {
      return await open(database);
    } finally {
      await database.close();
    }
  } finally {
    await release();
  }
}

async function commandContext(
  env: CliEnvironment,
  out: Output,
  database: OpenDatabase,
  onAudited: (event: AuditEvent) => void,
): Promise<CommandContext> {
  return {
    config: env.config,
    database,
    actor: cliActor(env.userName),
    out,
    services: buildServices({
      db: database.db,
      keys: await loadDeploymentKeys(path.join(env.config.dataDir, 'keys')),
      pageCacheBytes: env.config.pageCacheBytes,
      onAudited,
      // The job has recorded its failure in the database; the operator hears of it too.
      onJobError: (job, error) =>
        out.note(
          `a background job (${job}) failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
    }),
  };
}

/**
 * PGlite is one process's database: a second process opening the same data directory would
 * corrupt it, so each process takes a lock file first and a second one is told who holds it.
 */
export async function lockEmbeddedDatabase(config: AppConfig): Promise<() => Promise<void>> {
  if (config.database.kind !== 'pglite') return async () => {};
  await fs.mkdir(config.dataDir, { recursive: true });
  const lockFile = path.join(config.dataDir, 'pgdata.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await fs.readFile(lockFile, 'utf8').catch(() => ''));
      if (holder > 0 && isAlive(holder)) {
        throw new AppError(
          'DATABASE.IN_USE',
          `the embedded database in ${config.dataDir} is in use by process ${holder} (a running parley serve?); stop it, or use its HTTP API`,
        );
      }
      await fs.rm(lockFile, { force: true }); // left behind by a process that died
    }
  }
  throw new AppError(
    'DATABASE.IN_USE',
    `could not lock the embedded database in ${config.dataDir}`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
