import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

const BIN = path.resolve(import.meta.dirname, '../../bin/parley.js');

it('ends quietly when its reader goes away (`parley ... | head`)', async () => {
  const child = spawn(process.execPath, [BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // The reader is gone before the command writes a line, as `head` is after its lines.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).toBe('');
  expect(code).toBe(0);
});
