import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useInProcessCli } from '../testing/cli.ts';
import { testDatabaseKinds } from '../testing/test-database.ts';

describe.each(testDatabaseKinds())('parley remains offer [%s]', (kind) => {
  // Not destructured: the directory is made in beforeAll.
  const sandbox = useInProcessCli(kind, 'parley-remains');
  const parley = sandbox.parley;
  const offer = (...args: string[]) =>
    parley('remains', 'offer', '--mechanism', 'M', '--from', 'UA', ...args);

  it('offers the bags of a file, and refuses a wrong file whole, naming each line', async () => {
    await parley('mechanism', 'create', '--name', 'M', '--parties', 'UA,RU', '--mediators', 'TR');
    const good = path.join(sandbox.dir, 'bags.csv');
    await fs.writeFile(good, 'label;bodies\nA-1;1\nA-2;2\nA-3;1\n');
    const offered = await offer('--label', 'A', '--bags-file', good);
    expect(offered.stderr).toBe('');
    expect(offered.stdout).toMatch(/^batch [0-9a-f-]{36}: 3 bags, 4 bodies\n$/);

    const bad = path.join(sandbox.dir, 'bad.csv');
    await fs.writeFile(bad, 'label,bodies\nB-1,21\nB-1,1\n');
    const refused = await offer('--label', 'B', '--bags-file', bad);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('bad.csv was not imported: 2 errors');
    expect(refused.stderr).toContain('line 2, column bodies: a whole number from 1 to 20 ("21")');
    expect(refused.stderr).toContain('line 3, column label: the same label as line 2 ("B-1")');

    const neither = await offer('--label', 'C');
    expect(neither.stderr).toContain('give the bags: --bags 1,1,2 or --bags-file bags.csv');
    const counts = await offer('--label', 'D', '--bags', '1,2');
    expect(counts.stdout).toMatch(/2 bags, 3 bodies/);
  });
});
