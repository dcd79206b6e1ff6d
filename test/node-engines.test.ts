import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './support/shared-data.ts';

const read = (file: string) => fs.readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8');
const manifest = JSON.parse(read('package.json')) as { engines: { node: string } };
const lock = JSON.parse(read('package-lock.json')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
/** The oldest Node.js Parley says it runs on: package.json's engines, which the README names. */
const oldest = semver.minVersion(manifest.engines.node)!.version;

describe(`Node.js ${oldest}, the oldest Parley says it runs on`, () => {
  it('is the version the README names', () => {
    const [major, minor] = oldest.split('.');
    expect(read('README.md')).toContain(`Node.js ${major}.${minor} or newer`);
  });

  it('is accepted by every installed package (npm install warns of none)', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([, p]) => {
        const node = Array.isArray(p.engines) ? undefined : p.engines?.node;
        return node !== undefined && !semver.satisfies(oldest, node);
      })
      .map(([where, p]) => `${where}@${p.version ?? '?'}`);
    expect(refusing).toEqual([]);
  });
});
