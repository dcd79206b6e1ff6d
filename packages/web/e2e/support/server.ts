import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { webRootOfThisRun } from './browser.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** A demo account as `parley serve --demo` wrote it to demo-accounts.txt. */
export interface DemoAccount {
  username: string;
  password: string;
  totpUri: string;
}

export interface RunningServer {
  url: string;
  adminPassword: string;
  accounts: Map<string, DemoAccount>;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function parseAccounts(text: string): Map<string, DemoAccount> {
  const accounts = new Map<string, DemoAccount>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    const [username = '', , password = '', totpUri = ''] = line.split(' ');
    accounts.set(username, { username, password, totpUri });
  }
  return accounts;
}

function waitForListening(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (output().includes('Parley is listening on')) resolve();
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) =>
      reject(new Error(`parley serve exited with ${code}:\n${output()}`)),
    );
  });
}

/** Where a fresh demo starts: see `ServerOptions.demoFrom`. */
export type DemoFrom = 'middle' | 'start';

export interface ServerOptions {
  /** The built web application to serve; else the build of this test process, or packages/web/dist. */
  webRoot?: string;
  /**
   * The admin's one-time password, when the data directory is a copy of one whose first start
   * printed it (`prepareDemo`); else the first start of this server prints it.
   */
  adminPassword?: string;
  /**
   * Where a fresh demo starts: in the middle of the exchange as `npm start` loads it, or from
   * the start (two lists, no step taken), which the browser suites take each step from.
   */
  demoFrom?: DemoFrom;
  /** A PostgreSQL database to serve from; else the embedded database in the data directory. */
  databaseUrl?: string;
}

/**
 * Starts `parley serve --demo` as `npm start` does, on a free port, over the data directory: a
 * fresh one, or a copy of one that `prepareDemo` made.
 */
export async function startServer(
  dataDir: string,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  let output = '';
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'packages/app/bin/parley.js'),
      'serve',
      '--demo',
      ...(options.demoFrom === 'start' ? ['--demo-from-start'] : []),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PARLEY_DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        PARLEY_RATE_LIMIT: '0',
        // The tests sign in as five people, some of them again, within a minute from one address.
        PARLEY_SIGN_IN_RATE_LIMIT: '200',
        DATABASE_URL: options.databaseUrl ?? '',
        PARLEY_WEB_ROOT: options.webRoot ?? webRootOfThisRun() ?? '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForListening(child, () => output);
  const adminPassword =
    options.adminPassword ?? /user "admin" with the one-time password (\S+)/.exec(output)?.[1];
  if (!adminPassword) throw new Error(`no admin password in the output:\n${output}`);
  const accounts = parseAccounts(
    await fs.readFile(path.join(dataDir, 'demo-accounts.txt'), 'utf8'),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    adminPassword,
    accounts,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
