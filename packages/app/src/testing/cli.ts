import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, inject } from 'vitest';
import { runCli } from '../cli/program.ts';
import { loadConfig, type AppConfig } from '../platform/config.ts';
import { openDatabase, restorePglite, type OpenDatabase } from '../platform/db/kysely.ts';
import { adminQuery, withDatabase } from './postgres-admin.ts';
import { openTestDatabase, type TestDatabaseKind } from './test-database.ts';

/** The `parley` command as a user runs it: the bin script, under tsx. */
export const PARLEY_BIN = path.resolve(import.meta.dirname, '../../bin/parley.js');
export const runFile = promisify(execFile);

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliSandbox {
  /** A temporary directory of its own; the data directory is `data` inside it. */
  readonly dir: string;
  /** The environment the commands run with (no secrets of the developer's own). */
  readonly env: NodeJS.ProcessEnv;
  /** Runs `parley` with the arguments in the sandbox; never throws on a non-zero exit. */
  readonly parley: (...args: string[]) => Promise<CliOutcome>;
  /**
   * Opens the sandbox's database once in this process and runs `work`, whose `parley` runs
   * commands in-process over it (no process each): to prepare what the spawned commands then
   * meet. The database is closed (and the embedded one's directory free) when `work` is done.
   */
  readonly inProcess: <T>(
    work: (parley: (...args: string[]) => Promise<CliOutcome>) => Promise<T>,
  ) => Promise<T>;
}

export interface InProcessCli {
  /** A temporary directory of its own; the data directory (keys, exports) is `data` inside it. */
  readonly dir: string;
  /** Runs `parley` with the arguments; never throws on a non-zero exit. */
  readonly parley: (...args: string[]) => Promise<CliOutcome>;
}

/**
 * Runs one `parley` command in this process over an open, migrated database: the same program,
 * commands and output as the binary, without starting a process and opening the database.
 */
export async function runCliInProcess(
  database: OpenDatabase,
  config: AppConfig,
  args: readonly string[],
): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    config,
    isInteractive: false,
    userName: os.userInfo().username,
    database,
    streams: {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    },
  });
  return { code, stdout, stderr };
}

/**
 * Runs `parley` commands in this process, over the suite's own copy of the test database: the
 * same program, commands and output as the binary, without a process and a database opening per
 * command (seconds each on PGlite). Made in `beforeAll`, removed in `afterAll`. The binary itself
 * is exercised by the spawned smoke tests (`useCliSandbox`).
 */
export function useInProcessCli(kind: TestDatabaseKind, prefix: string): InProcessCli {
  let database: OpenDatabase | undefined;
  const cli = {
    dir: '',
    parley: async (...args: string[]): Promise<CliOutcome> => {
      if (!database) throw new Error('the test database is not open yet');
      const config = loadConfig({
        PARLEY_DATA_DIR: path.join(cli.dir, 'data'),
        // Only what the commands read of it (the kind): they use the suite's open database.
        ...(kind === 'postgres' ? { DATABASE_URL: process.env.PARLEY_TEST_DATABASE_URL } : {}),
      });
      return runCliInProcess(database, config, args);
    },
  };
  beforeAll(async () => {
    cli.dir = await fs.mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
    await fs.rm(cli.dir, { recursive: true, force: true });
  });
  return cli;
}

/**
 * A sandbox for running `parley` as a separate process, made in `beforeAll` and removed in
 * `afterAll`: a temporary data directory, and on PostgreSQL an empty database of its own (which
 * the first command migrates). With `fromTemplate`, the database starts as a copy of the migrated
 * template instead of being created and migrated by the first command (seconds).
 */
export function useCliSandbox(
  kind: TestDatabaseKind,
  prefix: string,
  options: { fromTemplate?: boolean } = {},
): CliSandbox {
  let database: string | undefined;
  const sandbox = {
    dir: '',
    env: {} as NodeJS.ProcessEnv,
    parley: async (...args: string[]): Promise<CliOutcome> => {
      try {
        const { stdout, stderr } = await runFile(process.execPath, [PARLEY_BIN, ...args], {
          env: sandbox.env,
          cwd: sandbox.dir,
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as CliOutcome;
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
      }
    },
    inProcess: async <T>(
      work: (parley: (...args: string[]) => Promise<CliOutcome>) => Promise<T>,
    ): Promise<T> => {
      const config = loadConfig(sandbox.env);
      const database = await openDatabase(config.database, { migrate: true });
      try {
        return await work((...args) => runCliInProcess(database, config, args));
      } finally {
        await database.close();
      }
    },
  };
  beforeAll(async () => {
    sandbox.dir = await fs.mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
    sandbox.env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PARLEY_DATA_DIR: path.join(sandbox.dir, 'data'),
    };
    if (kind === 'pglite' && options.fromTemplate) {
      const template = new Blob([await fs.readFile(inject('pgliteTemplate'))]);
      await restorePglite(path.join(sandbox.dir, 'data', 'pgdata'), template);
    }
    const url = process.env.PARLEY_TEST_DATABASE_URL;
    if (kind === 'postgres' && url) {
      database = `${prefix.replace(/-/g, '_')}_${randomBytes(5).toString('hex')}`;
      const template = options.fromTemplate ? inject('postgresTemplate') : null;
      await adminQuery(
        url,
        template
          ? `create database ${database} template ${template}`
          : `create database ${database}`,
      );
      sandbox.env.DATABASE_URL = withDatabase(url, database);
    }
  });
  afterAll(async () => {
    await fs.rm(sandbox.dir, { recursive: true, force: true });
    const url = process.env.PARLEY_TEST_DATABASE_URL;
    if (database && url) await adminQuery(url, `drop database if exists ${database}`);
  });
  return sandbox;
}
