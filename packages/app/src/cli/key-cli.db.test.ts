import { describe, expect, it } from 'vitest';
import { useInProcessCli } from '../testing/cli.ts';
import { testDatabaseKinds } from '../testing/test-database.ts';

const M = 'UA–RU demo (Istanbul 2025)';

describe.each(testDatabaseKinds())('parley key revoke [%s]', (kind) => {
  const sandbox = useInProcessCli(kind, 'parley-key');
  const parley = sandbox.parley;

  it('revokes a registered key with its reason, once, and names a key it does not know', async () => {
    await parley('demo', '--size', '10');
    await parley('user', 'add', '--username', 'olena');
    const out = `${sandbox.dir}/olena`;
    await parley('key', 'generate', '--out', out);
    const registered = await parley(
      '--json',
      'key',
      'register',
      '--mechanism',
      M,
      '--username',
      'olena',
      '--public-key',
      `${out}.pub`,
    );
    const { keyId } = JSON.parse(registered.stdout) as { keyId: string };

    const revoked = await parley(
      'key',
      'revoke',
      '--mechanism',
      M,
      '--key',
      keyId,
      '--reason',
      'laptop lost',
    );
    expect(revoked.stdout).toMatch(new RegExp(`^revoked key ${keyId} at \\d{4}-`));
    const listed = await parley('key', 'list', '--mechanism', M);
    expect(listed.stdout).toContain(`${keyId}\tolena\trevoked`);

    const again = await parley(
      'key',
      'revoke',
      '--mechanism',
      M,
      '--key',
      keyId,
      '--reason',
      'x y z',
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr.trim()).toBe(`parley: the key ${keyId} is revoked already`);
    const unknown = await parley(
      'key',
      'revoke',
      '--mechanism',
      M,
      '--key',
      '0123456789abcdef',
      '--reason',
      'no such key',
    );
    expect(unknown.stderr.trim()).toBe(`parley: no key 0123456789abcdef is registered in ${M}`);
  });
});
