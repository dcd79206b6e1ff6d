import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useInProcessCli } from '../testing/cli.ts';
import { testDatabaseKinds } from '../testing/test-database.ts';

const M = 'UA–RU demo (Istanbul 2025)';
const A = 'Istanbul, 2 June 2025';

interface Person {
  id: string;
  party: string;
  state: string;
}

describe.each(testDatabaseKinds())('parley stage [%s]', (kind) => {
  const sandbox = useInProcessCli(kind, 'parley-stage');
  const parley = sandbox.parley;
  const json = async <T>(...args: string[]) => {
    const run = await parley('--json', ...args);
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout) as T;
  };
  const persons = () => json<Person[]>('exchange', 'persons', '--mechanism', M, '--agreement', A);
  const moveAll = async (from: string, to: string) => {
    const ids = (await persons()).filter((p) => p.state === from).map((p) => p.id);
    if (ids.length === 0) return;
    const results = await json<Array<{ ok: boolean }>>(
      'exchange',
      'move',
      '--mechanism',
      M,
      '--to',
      to,
      ...ids,
    );
    expect(results.every((r) => r.ok)).toBe(true);
  };

  it('lists a stage with its status as its persons travel, shows it, and writes its report', async () => {
    await parley('demo', '--size', '40');
    await parley('eligibility', 'evaluate', '--mechanism', M, '--agreement', A);
    await parley('exchange', 'open', '--mechanism', M, '--agreement', A);
    const steps = [
      ['proposed', 'acknowledged'],
      ['acknowledged', 'identity_verified'],
      ['identity_verified', 'category_confirmed'],
      ['category_confirmed', 'fit_to_travel'],
      ['fit_to_travel', 'wish_verified'],
      ['wish_verified', 'approved'],
    ];
    for (const [from, to] of steps) await moveAll(from!, to!);
    const plan = await json<{ stageId: string; selected: number }>(
      'stage',
      'propose',
      '--mechanism',
      M,
      '--agreement',
      A,
      '--place',
      'Belarus–Ukraine border',
      '--date',
      '2025-06-09',
    );
    expect(plan.selected).toBeGreaterThan(0);
    expect(await json<Array<{ status: string }>>('stage', 'list', '--mechanism', M)).toMatchObject([
      { id: plan.stageId, number: 1, status: 'proposed' },
    ]);
    await parley('stage', 'approve', '--mechanism', M, plan.stageId);
    const [first] = (await persons()).filter((p) => p.state === 'assigned');
    await json('exchange', 'move', '--mechanism', M, '--to', 'in_transit', first!.id);

    const list = await parley('stage', 'list', '--mechanism', M);
    expect(list.stdout).toBe(
      `${plan.stageId}\tstage 1\t2025-06-09\tBelarus–Ukraine border\texecuting\n`,
    );
    const shown = await json<{
      status: string;
      persons: Array<Person & { name: string | null }>;
      parity: { isBalanced: boolean };
    }>('stage', 'show', '--mechanism', M, plan.stageId);
    expect(shown.status).toBe('executing');
    expect(shown.persons).toHaveLength(plan.selected);
    // As the API shows a stage: each person by name, as its list wrote it.
    expect(shown.persons.every((p) => typeof p.name === 'string' && p.name.length > 0)).toBe(true);
    expect(shown.persons.filter((p) => p.state === 'in_transit')).toHaveLength(1);

    const file = path.join(sandbox.dir, 'stage-1.csv');
    const wrote = await parley('stage', 'report', '--mechanism', M, '--out', file, plan.stageId);
    expect(wrote.stdout).toMatch(/^wrote .*stage-1\.csv \(\d+ rows\)\n$/);
    const csv = await fs.readFile(file, 'utf8');
    // The demo's agreement is all for all: the report gives the counts and asks no parity.
    expect(csv).toContain(
      `stages,${first!.party},stage 1 (executing),all for all: no parity asked,`,
    );
    expect(csv).toContain(`persons,${first!.party},`);

    const missing = await parley(
      'stage',
      'report',
      '--mechanism',
      M,
      '00000000-0000-4000-8000-000000000000',
    );
    expect(missing).toEqual({
      code: 1,
      stdout: '',
      stderr: 'parley: no stage 00000000-0000-4000-8000-000000000000\n',
    });
  });

  it('refuses a stage on a date that does not exist, and one with no one cleared to go', async () => {
    const propose = (date: string) =>
      parley(
        'stage',
        'propose',
        '--mechanism',
        M,
        '--agreement',
        A,
        '--place',
        'Border',
        '--date',
        date,
      );
    for (const date of ['2025-13-45', 'next tuesday', '2025-02-29']) {
      expect(await propose(date)).toEqual({
        code: 1,
        stdout: '',
        stderr: `parley: the stage's date "${date}" is not a day of the calendar in the form YYYY-MM-DD\n`,
      });
    }
    // Every approved person is in stage 1 already: there is no one to propose.
    const empty = await propose('2025-06-10');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe(
      'parley: no one is cleared to go (wish verified or approved, and in no stage): there is no stage to propose\n',
    );
    expect(await json<unknown[]>('stage', 'list', '--mechanism', M)).toHaveLength(1);
  });
});
