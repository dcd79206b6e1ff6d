import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { promisify } from 'node:util';
import { openDatabase } from '../platform/db/kysely.ts';
import { adminQuery, withDatabase } from './postgres-admin.ts';

const BUILD_APP = path.resolve(import.meta.dirname, '../../../../scripts/build-app.mjs');

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}

/** Builds one migrated database per engine; each test file then starts from a copy (DESIGN.md). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-test-'));
  const templateFile = path.join(dir, 'pglite-template.tar');
  const url = process.env.PARLEY_TEST_DATABASE_URL;
  const templateName = url ? `parley_template_${process.pid}` : null;
  // The two templates side by side: PGlite's migration is this process's CPU, PostgreSQL's is
  // mostly the server's.
  await Promise.all([
    // The spawned `parley` runs the build of these sources (bin/parley.js): built now if stale.
    promisify(execFile)(process.execPath, [BUILD_APP, '--if-stale']),
    (async () => {
      const pglite = await openDatabase({ kind: 'pglite-memory' }, { migrate: true });
      await fs.writeFile(templateFile, Buffer.from(await (await pglite.dump()).arrayBuffer()));
      await pglite.close();
    })(),
    (async () => {
      if (!url || !templateName) return;
      await adminQuery(url, `drop database if exists ${templateName}`);
      await adminQuery(url, `create database ${templateName}`);
      const template = await openDatabase(
        { kind: 'postgres', url: withDatabase(url, templateName) },
        { migrate: true },
      );
      await template.close();
    })(),
  ]);
  project.provide('pgliteTemplate', templateFile);
  project.provide('postgresTemplate', templateName);

  return async () => {
    await fs.rm(dir, { recursive: true, force: true });
    if (url && templateName) await adminQuery(url, `drop database if exists ${templateName}`);
  };
}
