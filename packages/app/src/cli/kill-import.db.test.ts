import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../platform/db/kysely.ts';
import { PARLEY_BIN, useCliSandbox, type CliSandbox } from '../testing/cli.ts';
import { multipartFile } from '../testing/http.ts';
import { testDatabaseKinds } from '../testing/test-database.ts';

// Processes of their own, killed in the middle of an import: seconds to minutes each on PGlite.
vi.setConfig({ testTimeout: 600_000 });

const M = 'UA–RU demo (Istanbul 2025)';
const LINES = 120_000;

/** A large, valid sought list: long enough to be killed in the middle of its import. */
async function bigList(dir: string): Promise<string> {
  const file = path.join(dir, 'big.csv');
  const rows = ['record_id,surname,given_name,date_of_birth'];
  for (let i = 0; i < LINES; i++)
    rows.push(`S-${i},Бондаренко${i % 97},Олег,19${50 + (i % 50)}-01-02`);
  await fs.writeFile(file, `${rows.join('\n')}\n`);
  return file;
}

/** The versions and lines of the demo's UA sought list that a database holds, read as its owner. */
async function countsIn(sandbox: CliSandbox) {
  const source = sandbox.env.DATABASE_URL
    ? ({ kind: 'postgres', url: sandbox.env.DATABASE_URL } as const)
    : ({ kind: 'pglite', dataDir: path.join(sandbox.dir, 'data', 'pgdata') } as const);
  const opened = await openDatabase(source);
  try {
    return await opened.asOwner(async (owner) => {
      const { rows } = await sql<{ versions: number; lines: number }>`select
        (select count(*)::int from list_version v join person_list l on l.id = v.list_id
          where l.party_code = 'UA' and l.kind = 'sought') as versions,
        (select count(*)::int from list_line where party_code = 'UA'
          and version_id not in (select v.id from list_version v)) as lines`.execute(owner);
      return rows[0];
    });
  } finally {
    await opened.close();
  }
}

/** Waits until the child says `when`, then kills it at once, as a power cut would. */
function killWhen(child: ReturnType<typeof spawn>, when: RegExp): Promise<string> {
  let said = '';
  return new Promise((resolve, reject) => {
    const listen = (chunk: Buffer) => {
      said += chunk.toString();
      if (when.test(said)) child.kill('SIGKILL');
    };
    child.stdout?.on('data', listen);
    child.stderr?.on('data', listen);
    child.once('exit', (code, signal) =>
      signal === 'SIGKILL'
        ? resolve(said)
        : reject(new Error(`exited ${code} before the kill: ${said}`)),
    );
  });
}

describe.each(testDatabaseKinds())('an import killed with SIGKILL [%s]', (kind) => {
  const sandbox = useCliSandbox(kind, 'parley-kill', { fromTemplate: true });

  it('leaves no version and no line of it, from the command line and from the server', async () => {
    // What the killed processes meet is prepared in-process, over the same database: the demo,
    // and a service account's token for the server's upload.
    const token = await sandbox.inProcess(async (parley) => {
      await parley('demo', '--size', '10');
      await parley('user', 'add', '--username', 'nib', '--service');
      await parley(
        'user',
        'grant',
        '--username',
        'nib',
        '--mechanism',
        M,
        '--role',
        'party_officer',
        '--party',
        'UA',
      );
      const minted = await parley(
        '--json',
        'token',
        'create',
        '--username',
        'nib',
        '--mechanism',
        M,
        '--role',
        'party_officer',
        '--party',
        'UA',
        '--name',
        'kill test',
      );
      return (JSON.parse(minted.stdout) as { token: string }).token;
    });
    const before = await countsIn(sandbox);
    const file = await bigList(sandbox.dir);

    const cli = spawn(
      process.execPath,
      [PARLEY_BIN, 'list', 'import', file, '--mechanism', M, '--party', 'UA', '--kind', 'sought'],
      { env: sandbox.env, cwd: sandbox.dir },
    );
    await killWhen(cli, /reading big\.csv: [3-9]0%/);
    expect(await countsIn(sandbox)).toEqual(before);

    const server = spawn(process.execPath, [PARLEY_BIN, 'serve'], {
      env: { ...sandbox.env, PORT: '0', LOG_LEVEL: 'silent' },
      cwd: sandbox.dir,
    });
    const url = await new Promise<string>((resolve, reject) => {
      let said = '';
      server.stderr.on('data', (chunk: Buffer) => {
        said += chunk.toString();
        const match = /Parley is listening on (http:\/\/\S+) /.exec(said);
        if (match?.[1]) resolve(match[1]);
      });
      server.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${said}`)));
    });
    const killed = new Promise((resolve) => server.once('exit', resolve));
    const body = multipartFile('big.csv', await fs.readFile(file));
    const upload = fetch(
      `${url}/api/v1/mechanisms/${encodeURIComponent(M)}/lists/UA/sought/versions`,
      {
        method: 'POST',
        headers: { ...body.headers, authorization: `Bearer ${token}` },
        body: body.payload,
      },
    ).catch((error: unknown) => error);
    // Once the server is writing lines (its process busy a while), the power goes.
    await new Promise((resolve) => setImmediate(resolve));
    await waitForLines(server.pid ?? 0);
    server.kill('SIGKILL');
    await killed;
    expect(await upload).toBeInstanceOf(Error);
    expect(await countsIn(sandbox)).toEqual(before);
  });
});

/** Waits until the server process has used a second of CPU since now: it is reading and writing the upload. */
async function waitForLines(pid: number): Promise<void> {
  const cpu = async () => {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  const start = await cpu();
  for (;;) {
    if ((await cpu()) - start > 100) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
