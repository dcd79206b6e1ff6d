// Builds the web application (packages/web/dist) unless it is newer than everything it is built
// from: `npm start` then serves at once on a second start, instead of building for a minute.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = [
  'packages/web/src',
  'packages/web/public',
  'packages/web/index.html',
  'packages/web/vite.config.ts',
  'packages/web/package.json',
  'packages/kernel/src',
];

/** The newest modification time under a file or directory. */
function newest(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...fs.readdirSync(file).map((name) => newest(path.join(file, name))),
  );
}

const built = fs.statSync(path.join(ROOT, 'packages/web/dist/index.html'), {
  throwIfNoEntry: false,
});
const changed = Math.max(...SOURCES.map((source) => newest(path.join(ROOT, source))));
if (!built || built.mtimeMs < changed)
  execFileSync('npm', ['run', 'build', '--workspace', 'packages/web'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
