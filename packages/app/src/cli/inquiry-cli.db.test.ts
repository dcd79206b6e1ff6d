import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useInProcessCli } from '../testing/cli.ts';
import { testDatabaseKinds } from '../testing/test-database.ts';

describe.each(testDatabaseKinds())('parley inquiry [%s]', (kind) => {
  const sandbox = useInProcessCli(kind, 'parley-inquiry');
  const parley = sandbox.parley;

  it('registers an inquiry from a file, lists and shows it, refuses a wrong date naming the field, and closes it', async () => {
    await parley('mechanism', 'create', '--name', 'M', '--parties', 'UA,RU', '--mediators', 'TR');
    const file = path.join(sandbox.dir, 'inquiry.json');
    const body = {
      channel: 'letter',
      receivedOn: '2025-04-02',
      inquirer: { name: 'Іваненко Оксана', relation: 'wife', contact: 'Львів', language: 'uk' },
      sought: { surname: 'Іваненко', givenName: 'Тарас', dateOfBirth: '1991-07' },
      consent: { tracing: true, sharing: { mediator: true, icrc: false, otherParty: false } },
    };
    await fs.writeFile(file, JSON.stringify(body));
    const registered = await parley(
      'inquiry',
      'register',
      '--mechanism',
      'M',
      '--party',
      'UA',
      '--file',
      file,
    );
    expect(registered.stdout).toMatch(/^inquiry UA-1: [0-9a-f-]{36} \(no_information\)$/m);
    const id = /UA-1: ([0-9a-f-]{36})/.exec(registered.stdout)![1]!;

    const listed = await parley('inquiry', 'list', '--mechanism', 'M', '--party', 'UA');
    expect(listed.stdout).toContain(`UA-1\tno_information\tІваненко Тарас\t${id}`);
    const shown = await parley('inquiry', 'show', '--mechanism', 'M', '--id', id);
    expect(shown.stdout).toContain('inquirer: Іваненко Оксана (wife), Львів');

    await fs.writeFile(
      file,
      JSON.stringify({ ...body, sought: { surname: 'X', dateOfBirth: '1991-13' } }),
    );
    const refused = await parley(
      'inquiry',
      'register',
      '--mechanism',
      'M',
      '--party',
      'UA',
      '--file',
      file,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('dateOfBirth: there is no month 13 ("1991-13")');

    const closed = await parley(
      'inquiry',
      'close',
      '--mechanism',
      'M',
      '--id',
      id,
      '--reason',
      'withdrawn_by_family',
    );
    expect(closed.stdout).toContain(`inquiry ${id}: closed`);
    const after = await parley('inquiry', 'show', '--mechanism', 'M', '--id', id);
    expect(after.stdout).toContain('no_information → closed (withdrawn_by_family)');
  });
});
