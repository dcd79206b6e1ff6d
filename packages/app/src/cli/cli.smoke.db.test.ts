import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { csvOf } from '../testing/factories.ts';
import { useCliSandbox } from '../testing/cli.ts';

// The binary itself, as a user runs it: one command of each group in a process of its own
// (cli.operations.smoke.db.test.ts has serve, backup and restore; the commands' behaviour is
// tested in-process, in cli.db.test.ts and beside). Each process starts
// tsx and opens the database: seconds each on a loaded two-core machine, not a sign of a fault.
vi.setConfig({ testTimeout: 300_000 });

const M = 'UA–RU demo (Istanbul 2025)';
const A = 'Istanbul, 2 June 2025';

describe('the parley binary, one command of each group [pglite]', () => {
  const sandbox = useCliSandbox('pglite', 'parley-smoke', { fromTemplate: true });
  const parley = sandbox.parley;
  const succeeds = async (...args: string[]): Promise<string> => {
    const outcome = await parley(...args);
    expect(outcome, `parley ${args.join(' ')}`).toMatchObject({ code: 0 });
    return outcome.stdout;
  };

  it('db, demo, mechanism, list, audit, user, retention and keys', async () => {
    expect(await succeeds('db', 'migrate')).toBe('pglite: schema is up to date\n');
    expect(await succeeds('demo', '--size', '6')).toMatch(/UA sought: version 1, 6 lines/);
    expect(await succeeds('mechanism', 'list')).toContain(M);
    const versions = await succeeds(
      '--json',
      'list',
      'versions',
      '--mechanism',
      M,
      '--party',
      'RU',
      '--kind',
      'held',
    );
    expect(JSON.parse(versions)).toMatchObject([{ number: 1, lineCount: 6 }]);
    expect(await succeeds('audit', 'verify')).toMatch(/^the audit log holds: \d+ entries/);
    expect(await succeeds('user', 'add', '--username', 'olena')).toContain('olena');
    expect(await succeeds('retention', 'run')).toBe(
      'no retention periods are set: see parley retention set\n',
    );
  });

  it('agreement, eligibility, reconcile, exchange, talks and manifest', async () => {
    expect(await succeeds('agreement', 'list', '--mechanism', M)).toContain(A);
    expect(await succeeds('eligibility', 'evaluate', '--mechanism', M, '--agreement', A)).not.toBe(
      '',
    );
    // Linkage runs in worker threads, which the binary starts under tsx.
    expect(await succeeds('reconcile', '--mechanism', M, '--seed', '1')).toMatch(
      /lines acknowledged, \d+ possible/,
    );
    expect(await succeeds('exchange', 'open', '--mechanism', M, '--agreement', A)).toMatch(
      /^\d+ eligible; \d+ new on the path\n$/,
    );
    const gap = JSON.parse(await succeeds('--json', 'talks', 'gap', '--mechanism', M)) as {
      documents: unknown[];
    };
    expect(gap.documents).toHaveLength(2);
    const unsigned = path.join(sandbox.dir, 'unsigned.json');
    await fs.writeFile(unsigned, '{}');
    const verified = await parley('manifest', 'verify', unsigned);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/NOT VALID/);
  });

  it('dedupe, on a file', async () => {
    const file = path.join(sandbox.dir, 'held.csv');
    await fs.writeFile(
      file,
      csvOf([
        ['record_id', 'surname', 'given_name', 'date_of_birth'],
        ['1', 'Бондаренко', 'Іван', '1985-03-02'],
        ['2', 'Бондаренко', 'Иван', '1985-03-02'],
        ['3', 'Шевченко', 'Олександр', '1990-04-12'],
      ]),
    );
    const pairs = path.join(sandbox.dir, 'pairs.csv');
    expect(await succeeds('dedupe', file, '--out', pairs)).toMatch(
      /^3 lines: \d+ matches, \d+ possible/,
    );
    expect(await fs.readFile(pairs, 'utf8')).not.toBe('');
  });
});
