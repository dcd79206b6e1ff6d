import fs from 'node:fs';
import path from 'node:path';

/** The repository's root (this file is test/support/shared-data.ts). */
export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../..');

/** The shared benchmark and test data: `shared/data` beside the repository, as CI lays it too. */
export const SHARED_DATA = path.resolve(REPOSITORY_ROOT, '../shared/data');

/**
 * A folder of the shared data, or null when it is absent: a test then skips, saying why. In CI
 * (CI set) the data is always laid beside the clone, so its absence fails the run instead of
 * skipping tests silently.
 */
export function sharedDataDir(name: string): string | null {
  const dir = path.join(SHARED_DATA, name);
  if (fs.existsSync(dir)) return dir;
  const why = `${dir} is absent (the shared data belongs in ../shared/data beside the repository)`;
  if (process.env.CI) throw new Error(`${why}; CI lays it there, so this is a fault`);
  console.warn(`tests skipped: ${why}`);
  return null;
}
