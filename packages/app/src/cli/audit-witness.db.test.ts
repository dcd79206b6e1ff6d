import { createPrivateKey, sign } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useInProcessCli } from '../testing/cli.ts';
import { testDatabaseKinds } from '../testing/test-database.ts';

// The commands run in-process over the suite's own database (the binary's `audit` group is
// spawned in cli.smoke.db.test.ts): the same program and output, without a process per command.

interface Head {
  treeSize: number;
  rootHash: string;
  signedAt: string;
  previous: { treeSize: number; rootHash: string } | null;
  keyId: string;
  signature: string;
}

describe.each(testDatabaseKinds())('parley audit witness and verify --witness [%s]', (kind) => {
  const sandbox = useInProcessCli(kind, 'parley-witness');
  const parley = sandbox.parley;
  const file = () => path.join(sandbox.dir, 'heads.json');
  const heads = async () =>
    (JSON.parse(await fs.readFile(file(), 'utf8')) as { heads: Head[] }).heads;

  it('keeps the heads it saw, each proven to extend the one before', async () => {
    await parley('mechanism', 'create', '--name', 'M', '--parties', 'UA,RU', '--mediators', 'TR');
    expect((await parley('audit', 'witness', '--out', file())).stderr).toMatch(
      /has signed no tree head yet\n$/,
    );
    expect((await parley('audit', 'head', '--sign')).stdout).toMatch(/"treeSize": \d+/);
    const first = await parley('audit', 'witness', '--out', file());
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/heads\.json: kept the head of \d+ entries \(root [0-9a-f]{64}\)/);
    await parley('mechanism', 'create', '--name', 'N', '--parties', 'UA,RU', '--mediators', 'TR');
    await parley('audit', 'head', '--sign');
    const second = await parley('audit', 'witness', '--out', file());
    expect(second.stdout).toMatch(/; consistent with the head of \d+ entries it saw on /);
    const kept = await heads();
    expect(kept).toHaveLength(2);
    expect(kept[1]!.treeSize).toBeGreaterThan(kept[0]!.treeSize);

    const verified = await parley('audit', 'verify', '--witness', file());
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toMatch(/, 2 heads kept by witnesses; root [0-9a-f]{64}/);
  });

  it('names a log cut short after a head the witness kept, with a non-zero exit', async () => {
    // What the witness would hold had it seen the log five entries longer than it is now,
    // signed by this deployment's key.
    const [last] = (await heads()).slice(-1);
    const pem = await fs.readFile(
      path.join(sandbox.dir, 'data/keys/deployment-ed25519.pem'),
      'utf8',
    );
    const longer = { ...last!, treeSize: last!.treeSize + 5, previous: null };
    const message = [
      'parley-audit-tree-head/1',
      longer.treeSize,
      longer.rootHash,
      longer.signedAt,
      0,
      '-',
    ].join('\n');
    longer.signature = sign(null, Buffer.from(`${message}\n`), createPrivateKey(pem)).toString(
      'base64',
    );
    const witness = path.join(sandbox.dir, 'longer.json');
    await fs.writeFile(
      witness,
      JSON.stringify({ ...JSON.parse(await fs.readFile(file(), 'utf8')), heads: [longer] }),
    );
    const broken = await parley('audit', 'verify', '--witness', witness);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      new RegExp(
        `^parley: the audit log is BROKEN at entry ${last!.treeSize + 1}: the log holds ${last!.treeSize} entries, but .*longer\\.json saw the head of ${longer.treeSize} entries`,
      ),
    );
    const refused = await parley('audit', 'witness', '--out', witness);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('fewer entries than the');
  });
});
