import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { csvOf } from '../testing/factories.ts';
import { adminQuery, withDatabase } from '../testing/global-setup.ts';
import { testDatabaseKinds } from '../testing/test-database.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/parley.js');
const run = promisify(execFile);
const M = 'UA–RU demo (Istanbul 2025)';

// Each command is a process of its own that opens the database: seconds each on PGlite.
vi.setConfig({ testTimeout: 300_000 });

describe.each(testDatabaseKinds())('parley talks [%s]', (kind) => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let database: string | undefined;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-talks-'));
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PARLEY_DATA_DIR: path.join(dir, 'data'),
    };
    const url = process.env.PARLEY_TEST_DATABASE_URL;
    if (kind === 'postgres' && url) {
      database = `parley_talks_${randomBytes(5).toString('hex')}`;
      await adminQuery(url, `create database ${database}`);
      env.DATABASE_URL = withDatabase(url, database);
    }
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
    const url = process.env.PARLEY_TEST_DATABASE_URL;
    if (database && url) await adminQuery(url, `drop database if exists ${database}`);
  });

  async function parley(...args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, cwd: dir });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('loads the talks with the demo, shows the gap, and refuses a bad violations file line by line', async () => {
    const demo = await parley('demo', '--size', '5');
    expect(demo.stdout).toContain(
      'the talks of 2025: 3 rounds, 2 memoranda (25 points), 3 ceasefire regimes',
    );
    const gap = JSON.parse((await parley('--json', 'talks', 'gap', '--mechanism', M)).stdout) as {
      documents: Array<{ title: string; points: Array<{ label: string }> }>;
    };
    expect(Object.fromEntries(gap.documents.map((d) => [d.title, d.points.length]))).toEqual({
      "Russia's memorandum, 2 June 2025": 16,
      "Ukraine's memorandum, 2 June 2025": 8,
    });

    const file = path.join(dir, 'july.csv');
    await fs.writeFile(
      file,
      csvOf([
        [
          'sector',
          'source',
          'window_start',
          'window_end',
          'event_type',
          'count',
          'perceived',
          'observer_latitude',
          'observer_longitude',
        ],
        [
          'Pokrovsk',
          'patrol',
          '2025-07-25T21:10',
          '2025-07-25T21:40',
          'shelling',
          '12',
          'heard',
          '48.28',
          '37.17',
        ],
        [
          'Pokrovsk',
          'drone',
          '2025-07-26T03:00',
          '2025-07-26T03:05',
          'explosion',
          '2',
          'seen',
          '48.29',
          '-181',
        ],
      ]),
    );
    const refused = await parley(
      'talks',
      'violation',
      'import',
      file,
      '--mechanism',
      M,
      '--party',
      'UA',
    );
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: `parley: ${file} was not imported: 1 error\n  line 3, column observer_longitude: a longitude must be from -180 to 180 ("-181")\n`,
    });
    const counts = JSON.parse(
      (await parley('--json', 'talks', 'violation', 'counts', '--mechanism', M)).stdout,
    ) as { perDay: unknown[] };
    expect(counts.perDay).toEqual([]);
  });
});
