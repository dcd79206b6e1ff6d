import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useInProcessCli } from '../testing/cli.ts';
import { testDatabaseKinds } from '../testing/test-database.ts';

const M = 'UA–RU demo (Istanbul 2025)';

describe.each(testDatabaseKinds())('parley outcomes [%s]', (kind) => {
  const sandbox = useInProcessCli(kind, 'parley-outcomes');
  const parley = sandbox.parley;

  it('releases one outcome list to a party, shows it person by person and writes it in Russian', async () => {
    await parley('demo', '--size', '40');
    await parley('reconcile', '--mechanism', M);
    const shownEarly = await parley('outcomes', 'show', '--mechanism', M, '--party', 'UA');
    expect(shownEarly.stderr).toMatch(/has not released outcome lists/);

    const released = await parley(
      '--json',
      'outcomes',
      'release',
      '--mechanism',
      M,
      '--party',
      'UA',
      '--lists',
      'not_acknowledged',
    );
    expect(JSON.parse(released.stdout)).toMatchObject({ party: 'UA', lists: ['not_acknowledged'] });

    const shown = await parley('--json', 'outcomes', 'show', '--mechanism', M, '--party', 'UA');
    const { lines } = JSON.parse(shown.stdout) as {
      lines: Array<{ list: string; listParty: string; name: string | null }>;
    };
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.list === 'not_acknowledged' && l.listParty === 'UA')).toBe(true);
    expect(lines.every((l) => l.name)).toBe(true);

    const file = path.join(sandbox.dir, 'ua-outcomes.csv');
    await parley(
      'outcomes',
      'show',
      '--mechanism',
      M,
      '--party',
      'UA',
      '--out',
      file,
      '--lang',
      'ru',
    );
    const rows = (await fs.readFile(file, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(rows[0]).toMatch(/^Список,Список стороны,Запись,Имя,/);
    expect(rows).toHaveLength(lines.length + 1);
    expect(rows[1]).toMatch(/^Не признано,UA,/);
  });
});
