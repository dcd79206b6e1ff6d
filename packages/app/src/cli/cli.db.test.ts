import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { csvOf } from '../testing/factories.ts';
import { PARLEY_BIN, runFile, useCliSandbox } from '../testing/cli.ts';
import { testDatabaseKinds } from '../testing/test-database.ts';

// Each command is a new process that opens the database (PGlite: seconds each) and these tests
// run several in a row; on a loaded two-core machine that takes minutes, not a sign of a fault.
vi.setConfig({ testTimeout: 300_000 });

describe.each(testDatabaseKinds())('the parley command [%s]', (kind) => {
  const sandbox = useCliSandbox(kind, 'parley-cli');
  const parley = sandbox.parley;

  it('loads the demo once, and shows, diffs and exports its lists', async () => {
    const first = await parley('demo', '--size', '40');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('created the demo mechanism "UA–RU demo (Istanbul 2025)"');
    expect(first.stdout).toMatch(/UA sought: version 1, 40 lines/);
    expect((await parley('demo')).stdout).toContain('is already loaded');

    const list = ['--mechanism', 'UA–RU demo (Istanbul 2025)', '--party', 'UA', '--kind', 'sought'];
    const versions = JSON.parse(
      (await parley('--json', 'list', 'versions', ...list)).stdout,
    ) as Array<{ number: number; lineCount: number }>;
    expect(versions.map((v) => [v.number, v.lineCount])).toEqual([[1, 40]]);

    const shown = await parley('list', 'show', ...list, '--limit', '3');
    expect(shown.stdout.split('\n')[0]).toBe('version 1: 40 matching lines, showing 3 from 1');
    expect(shown.stdout).toMatch(/^UA-S-000001\t/m);

    const exported = path.join(sandbox.dir, 'ua.xlsx');
    expect((await parley('list', 'export', ...list, '--out', exported)).stdout).toBe(
      `wrote version 1 (40 lines) to ${exported}\n`,
    );
    const reimported = await parley('list', 'import', exported, ...list);
    expect(reimported).toMatchObject({
      code: 0,
      stdout: 'imported 40 lines as version 2 of the UA sought list\n',
    });
    const diff = await parley('list', 'diff', ...list);
    expect(diff.stdout).toBe('version 1 -> 2: 0 added, 0 removed, 0 changed, 40 unchanged\n');
  });

  it('refuses a file with errors in one line per problem, exits non-zero and imports nothing', async () => {
    await parley('mechanism', 'create', '--name', 'M', '--parties', 'UA,RU', '--mediators', 'TR');
    const file = path.join(sandbox.dir, 'bad.csv');
    await fs.writeFile(
      file,
      csvOf([
        ['record_id', 'surname', 'date_of_birth'],
        ['1', 'Бондар', '1999-02-30'],
        ['2', '', ''],
      ]),
    );
    const list = ['--mechanism', 'M', '--party', 'RU', '--kind', 'held'];
    const outcome = await parley('list', 'import', file, ...list);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.split('\n').filter((l) => !/^reading|done$/.test(l))).toEqual([
      'parley: bad.csv was not imported: 2 errors',
      '  line 2, column date_of_birth: 1999-02 has no day 30 ("1999-02-30")',
      '  line 3: the line has neither a surname nor a given name',
      '',
    ]);
    expect((await parley('list', 'versions', ...list)).stdout).toBe('no versions yet\n');
  });

  it('verifies the audit log, exports it, and names a tampered entry with a non-zero exit', async () => {
    const verified = await parley('audit', 'verify');
    expect(verified).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^the audit log holds: \d+ entries/) as unknown,
    });
    const file = path.join(sandbox.dir, 'audit.ndjson');
    expect((await parley('audit', 'export', '--out', file)).code).toBe(0);
    expect((await parley('audit', 'verify', '--file', file)).code).toBe(0);
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('"action":"list.import"', '"action":"list.delete"'));
    const broken = await parley('audit', 'verify', '--file', file);
    expect(broken).toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(
        /^parley: the audit log is BROKEN at entry \d+: entry \d+ \(list.delete by cli:.+\) was changed after it was written\n$/,
      ) as unknown,
    });
  });

  it('serves the API, prints the first admin one-time password once, and refuses anonymous reads', async () => {
    const serve = async () => {
      const server = spawn(process.execPath, [PARLEY_BIN, 'serve'], {
        env: { ...sandbox.env, PORT: '0', LOG_LEVEL: 'silent' },
        cwd: sandbox.dir,
      });
      let said = '';
      const url = await new Promise<string>((resolve, reject) => {
        server.stderr.on('data', (chunk: Buffer) => {
          said += chunk.toString();
          const match = /Parley is listening on (http:\/\/\S+) /.exec(said);
          if (match?.[1]) resolve(match[1]);
        });
        server.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${said}`)));
      });
      return { server, url, said: () => said };
    };
    const first = await serve();
    try {
      expect(first.said()).toMatch(
        /First start: created the user "admin" with the one-time password \S{20}\n/,
      );
      expect(await (await fetch(`${first.url}/health`)).json()).toEqual({ status: 'ok' });
      const anonymous = await fetch(`${first.url}/api/v1/mechanisms`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: { code: 'AUTH.REQUIRED' } });
    } finally {
      first.server.kill('SIGTERM');
      await new Promise((resolve) => first.server.once('exit', resolve));
    }
    const second = await serve();
    second.server.kill('SIGTERM');
    await new Promise((resolve) => second.server.once('exit', resolve));
    expect(second.said()).not.toContain('one-time password');
  });

  it.runIf(kind === 'pglite')(
    'backs up, rotates the key, and restores a verifiable copy',
    async () => {
      expect((await parley('keys', 'rotate')).stdout).toMatch(
        /^the deployment key is now [0-9a-f]{16}; [0-9a-f]{16} is retired/,
      );
      const backup = path.join(sandbox.dir, 'backup.tar.gz');
      expect((await parley('backup', '--out', backup)).code).toBe(0);
      const copy = { ...sandbox.env, PARLEY_DATA_DIR: path.join(sandbox.dir, 'restored') };
      const inCopy = async (...args: string[]) => {
        const { stdout } = await runFile(process.execPath, [PARLEY_BIN, ...args], {
          env: copy,
          cwd: sandbox.dir,
        });
        return stdout;
      };
      expect(await inCopy('restore', '--from', backup)).toMatch(/^restored /);
      await fs.cp(
        path.join(sandbox.dir, 'data', 'keys'),
        path.join(sandbox.dir, 'restored', 'keys'),
        {
          recursive: true,
        },
      );
      expect(await inCopy('audit', 'verify')).toBe((await parley('audit', 'verify')).stdout);
      expect(
        await inCopy('list', 'versions', '--mechanism', 'M', '--party', 'RU', '--kind', 'held'),
      ).toBe('no versions yet\n');
      const again = await runFile(process.execPath, [PARLEY_BIN, 'restore', '--from', backup], {
        env: copy,
      }).catch((e: { code: number; stderr: string }) => e);
      expect(again).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(
          /already holds a database; restore into an empty data directory\n$/,
        ) as unknown,
      });
    },
  );

  it('answers a user mistake with one line and no stack trace', async () => {
    const missing = await parley(
      'list',
      'import',
      path.join(sandbox.dir, 'nope.csv'),
      '--mechanism',
      'M',
      '--party',
      'UA',
      '--kind',
      'held',
    );
    expect(missing).toMatchObject({
      code: 1,
      stderr: `parley: cannot read ${path.join(sandbox.dir, 'nope.csv')}: no such file\n`,
    });
    const duplicate = await parley('mechanism', 'create', '--name', 'X', '--parties', 'UA,UA');
    expect(duplicate).toMatchObject({
      code: 1,
      stderr: 'parley: a mechanism has exactly two distinct parties, e.g. UA,RU\n',
    });
  });
});

describe('the parley command without a database', () => {
  it('names a bad configuration variable in one line', async () => {
    const outcome = await runFile(process.execPath, [PARLEY_BIN, 'db', 'migrate'], {
      env: { PATH: process.env.PATH, PORT: 'eighty' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(outcome).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /^parley: configuration: PORT: .* \(value "eighty"\)\n$/,
      ) as unknown,
    });
  });

  it('has help for every command', async () => {
    const { stdout } = await runFile(process.execPath, [PARLEY_BIN, 'list', '--help']);
    for (const command of ['import', 'versions', 'show', 'diff', 'export'])
      expect(stdout).toContain(command);
  });
});
