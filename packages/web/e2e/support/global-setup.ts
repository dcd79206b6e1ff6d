import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { buildWeb, CHROMIUM, hasChromium } from './browser.ts';
import {
  createDatabase,
  databaseName,
  databaseUrl,
  dropDatabase,
  POSTGRES_URL,
} from './postgres.ts';
import { startServer, type DemoFrom } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web application, built once for every browser suite of the run. */
    e2eWebRoot: string;
    /**
     * Data directories where `parley serve --demo` has loaded the demo, from its start and in
     * the middle of the exchange (as `npm start` loads it); each suite copies one.
     */
    e2eDemoDir: Record<DemoFrom, string>;
    /** The admin's one-time password of each, printed by its first start only. */
    e2eAdminPassword: Record<DemoFrom, string>;
    /**
     * With PostgreSQL (`POSTGRES_URL`), the database of each demo: the template of each suite's
     * own database. Else null: the demo's database is in its data directory.
     */
    e2eDemoDatabase: Record<DemoFrom, string> | null;
  }
}

/**
 * Does once what every browser suite needs, side by side on the two cores: builds the web
 * application into a directory of this run's own (so that another run building at the same time
 * cannot replace the files under a loading page), and starts `parley serve --demo` on a fresh
 * data directory, which creates the database, the demo and its accounts, then stops it. Each
 * suite then serves a copy of that directory: its own database, reopened in a second or two.
 * With PostgreSQL the demo's database is on the server, and each suite's is a copy of it made by
 * the server: PGlite's queries, in the servers' own process, were a fifth of the suites' CPU.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (!hasChromium) {
    // The suites skip (or, in CI, fail on the missing browser); nothing to prepare for them.
    console.warn(`browser tests: ${CHROMIUM} is missing (apt-get install -y chromium)`);
    return;
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-e2e-'));
  const webRoot = path.join(dir, 'web');
  const demoDir = { start: path.join(dir, 'demo'), middle: path.join(dir, 'demo-middle') };
  const demoDatabase = POSTGRES_URL
    ? {
        start: databaseName('parley_e2e', process.pid, 'start'),
        middle: databaseName('parley_e2e', process.pid, 'middle'),
      }
    : null;
  // The servers run the build of the server's sources (bin/parley.js): built first if stale.
  await promisify(execFile)(process.execPath, [
    fileURLToPath(new URL('../../../../scripts/build-app.mjs', import.meta.url)),
    '--if-stale',
  ]);
  const [, start, middle] = await Promise.all([
    buildWeb(webRoot),
    prepareDemo(demoDir.start, webRoot, 'start', demoDatabase?.start),
    prepareDemo(demoDir.middle, webRoot, 'middle', demoDatabase?.middle),
  ]);
  project.provide('e2eWebRoot', webRoot);
  project.provide('e2eDemoDir', demoDir);
  project.provide('e2eAdminPassword', { start, middle });
  project.provide('e2eDemoDatabase', demoDatabase);
  return async () => {
    await fs.rm(dir, { recursive: true, force: true });
    if (demoDatabase) await Promise.all(Object.values(demoDatabase).map(dropDatabase));
  };
}

/**
 * Runs the first start of `parley serve --demo` in `dataDir`, over a new `database` where given,
 * and returns the admin's password.
 */
async function prepareDemo(
  dataDir: string,
  webRoot: string,
  demoFrom: DemoFrom,
  database?: string,
): Promise<string> {
  if (database) await createDatabase(database);
  // No page is served before it stops, so the build need not be finished.
  const server = await startServer(dataDir, {
    webRoot,
    demoFrom,
    ...(database ? { databaseUrl: databaseUrl(database) } : {}),
  });
  await server.stop();
  return server.adminPassword;
}
