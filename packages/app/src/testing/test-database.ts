import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type Database, type OpenDatabase } from '../platform/db/kysely.ts';
import { adminQuery, withDatabase } from './postgres-admin.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when PARLEY_TEST_DATABASE_URL is set (CI sets it). */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return inject('postgresTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, migrated database of the given kind, copied from the template; `close` also drops it. */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<OpenDatabase> {
  if (kind === 'pglite') {
    const dump = new Blob([await fs.readFile(inject('pgliteTemplate'))]);
    return openDatabase({ kind: 'pglite-memory', dump });
  }
  const url = process.env.PARLEY_TEST_DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!url || !template) throw new Error('PARLEY_TEST_DATABASE_URL is not set');
  const name = `parley_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create database ${name} template ${template}`);
  const opened = await openDatabase({ kind: 'postgres', url: withDatabase(url, name) });
  return {
    ...opened,
    close: async () => {
      await opened.close();
      await adminQuery(url, `drop database if exists ${name}`);
    },
  };
}

/** Declares the suite once per test database; `db()` gives the suite's database inside its tests. */
export function describeEachDatabase(
  title: string,
  suite: (db: () => Database, kind: TestDatabaseKind, opened: () => OpenDatabase) => void,
): void {
  describe.each(testDatabaseKinds())(`${title} [%s]`, (kind) => {
    let opened: OpenDatabase | undefined;
    beforeAll(async () => {
      opened = await openTestDatabase(kind);
    });
    afterAll(async () => {
      await opened?.close();
    });
    const open = () => {
      if (!opened) throw new Error('the test database is not open yet');
      return opened;
    };
    suite(() => open().db, kind, open);
  });
}
