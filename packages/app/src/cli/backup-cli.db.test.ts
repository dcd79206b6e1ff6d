import fs from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { useCliSandbox } from '../testing/cli.ts';

// A process of its own that opens the embedded database: seconds on PGlite.
vi.setConfig({ testTimeout: 300_000 });

describe('parley backup onto a file that exists', () => {
  const sandbox = useCliSandbox('pglite', 'parley-backup');

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
