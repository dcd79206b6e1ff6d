import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs/promises';
import { type Command } from 'commander';
import { AppError } from '../../platform/errors.ts';
import { readText } from '../arguments.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

/**
 * `parley key`: people's Ed25519 signing keys. Private keys stay in files on the signer's
 * machine; the server keeps public keys only.
 */
export function registerKeyCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const key = program.command('key').description("people's Ed25519 signing keys");
  key
    .command('generate')
    .description('make a key pair in two files: NAME.key (private, mode 0600) and NAME.pub')
    .requiredOption('--out <name>', 'the files to write, without extension')
    .action(async (options: { out: string }) => {
      const out = output();
      const pair = generateKeyPairSync('ed25519');
      await fs
        .writeFile(`${options.out}.key`, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
          mode: 0o600,
          flag: 'wx',
        })
        .catch((error: NodeJS.ErrnoException) => {
          throw new AppError(
            'VALIDATION.INVALID_INPUT',
            error.code === 'EEXIST'
              ? `${options.out}.key exists already: choose another name`
              : `cannot write ${options.out}.key: ${error.message}`,
          );
        });
      await fs.writeFile(
        `${options.out}.pub`,
        pair.publicKey.export({ type: 'spki', format: 'pem' }),
      );
      out.result({ privateKey: `${options.out}.key`, publicKey: `${options.out}.pub` }, (r) =>
        out.line(`wrote ${r.privateKey} (keep it to yourself) and ${r.publicKey} (register it)`),
      );
    });
  key
    .command('register')
    .description("register a user's public key in a mechanism")
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--username <name>', 'whose key it is')
    .requiredOption('--public-key <file>', 'the .pub file')
    .action(async (options: { mechanism: string; username: string; publicKey: string }) => {
      const out = output();
      const publicKey = await readText(options.publicKey, 'the public key');
      await withContext(env, out, async ({ services, actor }) => {
        const user = (await services.access.listUsers(actor)).find(
          (u) => u.username === options.username.trim().toLowerCase(),
        );
        if (!user) throw new AppError('ACCESS.USER_NOT_FOUND', `no user "${options.username}"`);
        const registered = await services.signingKeys.registerKey(actor, {
          mechanism: options.mechanism,
          userId: user.id,
          publicKey,
        });
        out.result(registered, (r) => out.line(`registered key ${r.keyId} for ${user.username}`));
      });
    });
  key
    .command('list')
    .description("the mechanism's registered keys")
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .action(async (options: { mechanism: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const keys = await services.signingKeys.keys(actor, options.mechanism);
        out.result(keys, (list) => {
          for (const k of list)
            out.line(`${k.keyId}\t${k.username}${k.revokedAt ? '\trevoked' : ''}`);
        });
      });
    });
  key
    .command('revoke')
    .description(
      'revoke a registered key: it signs nothing more, and its signatures stop verifying',
    )
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--key <id>', 'the key id (parley key list)')
    .requiredOption('--reason <text>', 'why, for the audit log')
    .action(async (options: { mechanism: string; key: string; reason: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const revoked = await services.signingKeys.revoke(actor, {
          mechanism: options.mechanism,
          keyId: options.key.trim().toLowerCase(),
          reason: options.reason,
        });
        out.result(revoked, (r) =>
          out.line(`revoked key ${r.keyId} at ${r.revokedAt.toISOString()}`),
        );
      });
    });
}
