import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { adminQuery, withDatabase } from './global-setup.ts';

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
}

/**
 * A sandbox for running `parley` as a separate process, made in `beforeAll` and removed in
 * `afterAll`: a temporary data directory, and on PostgreSQL a database of its own.
 */
export function useCliSandbox(kind: string, prefix: string): CliSandbox {
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
  };
  beforeAll(async () => {
    sandbox.dir = await fs.mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
    sandbox.env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PARLEY_DATA_DIR: path.join(sandbox.dir, 'data'),
    };
    const url = process.env.PARLEY_TEST_DATABASE_URL;
    if (kind === 'postgres' && url) {
      database = `${prefix.replace(/-/g, '_')}_${randomBytes(5).toString('hex')}`;
      await adminQuery(url, `create database ${database}`);
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
