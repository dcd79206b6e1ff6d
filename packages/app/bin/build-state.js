// Whether packages/app/dist is the build of the sources as they are now: every source the build
// read (dist/commands.json lists them with their modification times) is unchanged since.
import fs from 'node:fs';

const ROOT = new URL('../../../', import.meta.url);
const MANIFEST = new URL('../dist/commands.json', import.meta.url);

export function isBuildCurrent() {
  let sources;
  try {
    sources = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')).sources;
  } catch {
    return false;
  }
  return Object.entries(sources).every(
    ([source, mtimeMs]) =>
      fs.statSync(new URL(source, ROOT), { throwIfNoEntry: false })?.mtimeMs === mtimeMs,
  );
}
