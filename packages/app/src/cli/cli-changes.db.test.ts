import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config.ts';
import type { OpenDatabase } from '../platform/db/kysely.ts';
import {
  postgresChangeFeed,
  type Change,
  type ChangeFeed,
} from '../platform/events/change-feed.ts';
import { runCliInProcess } from '../testing/cli.ts';
import { withDatabase } from '../testing/postgres-admin.ts';
import { openTestDatabase, testDatabaseKinds } from '../testing/test-database.ts';

const M = 'UA–RU demo (Istanbul 2025)';

/**
 * Issue 16: what a command changes reaches the servers' pages that follow it, on PostgreSQL
 * (NOTIFY on parley_changes, which every server instance LISTENs to). On the embedded PGlite the
 * command line cannot open the database while a server holds it, so there is no server to tell.
 */
describe.runIf(testDatabaseKinds().includes('postgres'))(
  'the command line tells the servers',
  () => {
    let database: OpenDatabase;
    let feed: ChangeFeed;
    let dir: string;
    const heard: Change[] = [];
    const parley = (...args: string[]) =>
      runCliInProcess(
        database,
        loadConfig({
          PARLEY_DATA_DIR: path.join(dir, 'data'),
          DATABASE_URL: process.env.PARLEY_TEST_DATABASE_URL,
        }),
        args,
      );

    beforeAll(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-cli-changes-'));
      database = await openTestDatabase('postgres');
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(
        database.db,
      );
      feed = await postgresChangeFeed(
        withDatabase(process.env.PARLEY_TEST_DATABASE_URL!, rows[0]!.name),
      );
      feed.subscribe((change) => heard.push(change));
    });
    afterAll(async () => {
      await feed?.close();
      await database?.close();
      await fs.rm(dir, { recursive: true, force: true });
    });

    it('tells the lists a command imported and the reconciliation it ran, once each, never a read', async () => {
      expect((await parley('demo', '--size', '30')).code).toBe(0);
      await expect.poll(() => heard.map((c) => c.topic)).toContain('lists');
      const mechanism = heard.find((c) => c.topic === 'lists')!.mechanism;
      expect(heard.filter((c) => c.topic === 'lists')).toHaveLength(1);

      heard.length = 0;
      expect((await parley('reconcile', '--mechanism', M)).code).toBe(0);
      // Heard in order: what the command told comes before a marker sent after it.
      await feed.publish({ mechanism, topic: 'marker' });
      await expect.poll(() => heard.at(-1)?.topic).toBe('marker');
      const topics = heard.slice(0, -1).map((c) => c.topic);
      expect(topics).toEqual(expect.arrayContaining(['reconciliation', 'outcomes']));
      expect(new Set(topics).size).toBe(topics.length);
      expect(heard.every((c) => c.mechanism === mechanism)).toBe(true);

      // A read tells nothing: what is heard before a marker sent after it is the marker alone.
      const release = ['outcomes', 'release', '--mechanism', M, '--party', 'UA'];
      expect((await parley(...release, '--lists', 'not_acknowledged')).code).toBe(0);
      await feed.publish({ mechanism, topic: 'marker' });
      await expect.poll(() => heard.at(-1)?.topic).toBe('marker');
      heard.length = 0;
      const shown = await parley('--json', 'outcomes', 'show', '--mechanism', M, '--party', 'UA');
      expect(shown.code).toBe(0);
      await feed.publish({ mechanism, topic: 'marker' });
      await expect.poll(() => heard.length).toBeGreaterThan(0);
      expect(heard).toEqual([{ mechanism, topic: 'marker' }]);
    });
  },
);
