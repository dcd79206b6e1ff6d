import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../platform/config.ts';
import { PARLEY_BIN, runFile, useCliSandbox } from '../testing/cli.ts';
import { runCli } from './program.ts';
import { testDatabaseKinds } from '../testing/test-database.ts';

// The binary itself, as a user runs it: the operator's commands (serve, backup, restore) and its
// answers without a database, each in a process of its own (cli.smoke.db.test.ts has the other
// groups; the commands' behaviour is tested in-process, in cli.db.test.ts and beside). Each process starts
// tsx and opens the database: seconds each on a loaded two-core machine, not a sign of a fault.
vi.setConfig({ testTimeout: 300_000 });

describe('parley backup and restore [pglite]', () => {
  const sandbox = useCliSandbox('pglite', 'parley-backup', { fromTemplate: true });
  const parley = sandbox.parley;
  const succeeds = async (...args: string[]): Promise<string> => {
    const outcome = await parley(...args);
    expect(outcome, `parley ${args.join(' ')}`).toMatchObject({ code: 0 });
    return outcome.stdout;
  };

  it('backs up, and restores a copy that verifies as the original does', async () => {
    await succeeds('mechanism', 'create', '--name', 'M', '--parties', 'UA,RU');
    const backup = path.join(sandbox.dir, 'backup.tar.gz');
    expect(await succeeds('backup', '--out', backup)).toMatch(/^wrote \d+ bytes to /);
    const copy = { ...sandbox.env, PARLEY_DATA_DIR: path.join(sandbox.dir, 'restored') };
    const inCopy = (...args: string[]) =>
      runFile(process.execPath, [PARLEY_BIN, ...args], { env: copy, cwd: sandbox.dir }).catch(
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    expect((await inCopy('restore', '--from', backup)).stdout).toMatch(/^restored /);
    await fs.cp(
      path.join(sandbox.dir, 'data', 'keys'),
      path.join(sandbox.dir, 'restored', 'keys'),
      {
        recursive: true,
      },
    );
    const verified = (await inCopy('audit', 'verify')).stdout;
    expect(verified).toMatch(/^the audit log holds: [1-9]\d* entries/);
    expect(verified).toBe(await succeeds('audit', 'verify'));
    expect(await inCopy('restore', '--from', backup)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /already holds a database; restore into an empty data directory\n$/,
      ) as unknown,
    });
  });
});

describe.each(testDatabaseKinds())('parley serve [%s]', (kind) => {
  const sandbox = useCliSandbox(kind, 'parley-serve', { fromTemplate: true });

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

  it('answers --help from its manifest as the program with every command loaded does', async () => {
    const { stdout } = await runFile(process.execPath, [PARLEY_BIN, '--help']);
    let help = '';
    const code = await runCli(['--help'], {
      config: loadConfig({}),
      isInteractive: false,
      userName: 'test',
      streams: { stdout: { write: (text: string) => (help += text) }, stderr: process.stderr },
    });
    expect(code).toBe(0);
    expect(stdout).toBe(help);
    for (const command of ['serve', 'list', 'talks', 'manifest']) expect(stdout).toContain(command);
  });
});
