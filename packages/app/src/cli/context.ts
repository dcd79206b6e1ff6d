import fs from 'node:fs/promises';
import path from 'node:path';
import { cliActor, type Actor } from '../modules/access/index.ts';
import type { AppConfig } from '../platform/config.ts';
import { openDatabase, type OpenDatabase } from '../platform/db/kysely.ts';
import { AppError } from '../platform/errors.ts';
import { loadDeploymentKeys } from '../platform/crypto/deployment-keys.ts';
import { buildServices, type Services } from '../services.ts';
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

/** Opens and migrates the configured database for one command, runs `work`, and always closes it. */
export async function withContext<T>(
  env: CliEnvironment,
  out: Output,
  work: (context: CommandContext) => Promise<T>,
): Promise<T> {
  // Background work a command started (matching families' inquiries against a new held list)
  // ends before the database closes.
  const run = async (context: CommandContext) => {
    const result = await work(context);
    await context.services.inquiryMatching.idle();
    return result;
  };
  if (env.database) return run(await commandContext(env, out, env.database));
  const release = await lockEmbeddedDatabase(env.config);
  try {
    const database = await openDatabase(env.config.database, { migrate: true });
    try {
      return await run(await commandContext(env, out, database));
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
