import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvOf } from '../testing/factories.ts';
import { useInProcessCli } from '../testing/cli.ts';
import { testDatabaseKinds } from '../testing/test-database.ts';

const M = 'UA–RU demo (Istanbul 2025)';

describe.each(testDatabaseKinds())('parley talks [%s]', (kind) => {
  const sandbox = useInProcessCli(kind, 'parley-talks');
  const parley = sandbox.parley;

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

    const file = path.join(sandbox.dir, 'july.csv');
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

  it("corrects a round and a point's text from the command line, the old version kept", async () => {
    const rounds = JSON.parse(
      (await parley('--json', 'talks', 'round', 'list', '--mechanism', M)).stdout,
    ) as Array<{ id: string; date: string }>;
    const july = rounds.find((r) => r.date === '2025-07-23')!;
    const file = path.join(sandbox.dir, 'correction.json');
    await fs.writeFile(file, JSON.stringify({ durationMinutes: 45, reason: 'the minutes' }));
    const corrected = await parley(
      'talks',
      'round',
      'correct',
      july.id,
      '--mechanism',
      M,
      '--file',
      file,
    );
    expect(corrected).toMatchObject({ code: 0, stdout: 'round 3: corrected durationMinutes\n' });
    await fs.writeFile(file, JSON.stringify({ durationMinutes: 'long' }));
    const refused = await parley(
      'talks',
      'round',
      'correct',
      july.id,
      '--mechanism',
      M,
      '--file',
      file,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^parley: .*correction.json: durationMinutes: /);

    const memo = "Russia's memorandum, 2 June 2025";
    const revised = await parley(
      'talks',
      'document',
      'revise',
      memo,
      '--mechanism',
      M,
      '--point',
      '4.7',
      '--text',
      'Ратификация парламентами обеих сторон',
      '--tabled-on',
      '2025-07-23',
    );
    expect(revised).toMatchObject({ code: 0, stdout: `${memo}: version 2\n` });
    const first = JSON.parse(
      (
        await parley(
          '--json',
          'talks',
          'document',
          'show',
          memo,
          '--mechanism',
          M,
          '--version',
          '1',
        )
      ).stdout,
    ) as { points: Array<{ label: string; text: string }> };
    // Russia's memorandum is in Russian: the first version keeps the words it was tabled with.
    expect(first.points.find((p) => p.label === '4.7')?.text).toBe('Ратификация');

    // The new words are Russian until someone translates them; the old ones keep their translations.
    const translated = await parley(
      'talks',
      'translate',
      'Ратификация парламентами обеих сторон',
      '--mechanism',
      M,
      '--language',
      'ru',
      '--uk',
      'Ратифікація парламентами обох сторін',
      '--en',
      'Ratification by both parliaments',
    );
    expect(translated).toMatchObject({
      code: 0,
      stdout:
        'written in ru; en: Ratification by both parliaments; uk: Ратифікація парламентами обох сторін\n',
    });
    const memory = JSON.parse(
      (await parley('--json', 'talks', 'translations', '--mechanism', M)).stdout,
    ) as Array<{ source: string; language: string; translations: Record<string, string> }>;
    expect(memory.find((e) => e.source === 'Ратификация')?.translations.en).toBe('Ratification');
    expect(memory.find((e) => e.source.startsWith('Ратификация парламентами'))?.language).toBe(
      'ru',
    );
    const wrong = await parley(
      'talks',
      'translate',
      'Ратификация',
      '--mechanism',
      M,
      '--language',
      'ru',
      '--ru',
      'Ратификация!',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/translations\.ru: the text is written in ru already/);
  });
});
