import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useInProcessCli } from '../testing/cli.ts';

// In-process: both answers come before any database is opened (the binary's backup and restore
// are spawned in cli.operations.smoke.db.test.ts).

describe('parley backup onto a file that exists', () => {
  const sandbox = useInProcessCli('pglite', 'parley-backup');

  it('says so in one line, writes nothing and leaves the file as it was', async () => {
    const out = `${sandbox.dir}/parley.tar.gz`;
    await fs.writeFile(out, 'an older backup');
    const outcome = await sandbox.parley('backup', '--out', out);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toBe(
      `parley: ${out} already exists: a backup is never overwritten; choose another name, or move the old file away first\n`,
    );
    expect(await fs.readFile(out, 'utf8')).toBe('an older backup');
    const missing = await sandbox.parley('restore', '--from', `${sandbox.dir}/nowhere.tar.gz`);
    expect(missing.stderr).toBe(
      `parley: ${sandbox.dir}/nowhere.tar.gz does not exist, or its directory does not\n`,
    );
  });
});
