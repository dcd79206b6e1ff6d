import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvOf } from '../testing/factories.ts';
import { useInProcessCli } from '../testing/cli.ts';
import { testDatabaseKinds } from '../testing/test-database.ts';

// The commands run in this process over the suite's database; cli.smoke.db.test.ts runs the
// binary itself, one command of each group.
describe.each(testDatabaseKinds())('the parley command [%s]', (kind) => {
  const sandbox = useInProcessCli(kind, 'parley-cli');
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

  it('rotates the deployment key, and the log still verifies', async () => {
    expect((await parley('keys', 'rotate')).stdout).toMatch(
      /^the deployment key is now [0-9a-f]{16}; [0-9a-f]{16} is retired/,
    );
    expect(await parley('audit', 'verify')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^the audit log holds: \d+ entries/) as unknown,
    });
  });

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
