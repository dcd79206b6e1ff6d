import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { createAuditLog, auditEvent } from '../../modules/audit/index.ts';
import { loadDeploymentKeys, rotateDeploymentKeys } from '../../platform/crypto/deployment-keys.ts';
import { restorePglite } from '../../platform/db/kysely.ts';
import { AppError } from '../../platform/errors.ts';
import { lockEmbeddedDatabase, withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

/** Keys, backup and restore: the operator's commands (docs/security.md). */
export function registerOperationsCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const keysDir = path.join(env.config.dataDir, 'keys');
  const keys = program.command('keys').description("the deployment's Ed25519 signing key");
  keys
    .command('show')
    .description('print the key id and the public keys that verify the audit checkpoints')
    .action(async () => {
      const out = output();
      const loaded = await loadDeploymentKeys(keysDir);
      out.result({ keyId: loaded.keyId, publicKeys: loaded.publicKeys() }, (k) => {
        out.line(`current key: ${k.keyId}`);
        for (const key of k.publicKeys) out.line(`${key.keyId}\n${key.pem.trim()}`);
      });
    });
  keys
    .command('rotate')
    .description(
      'sign a tree head with the old key one last time, then replace it; old heads still verify',
    )
    .action(async () => {
      const out = output();
      await withContext(env, out, async ({ services, database, actor }) => {
        // A key is rotated even over a log that does not hold (after a theft, say): said, not refused.
        const headOrNote = (promise: Promise<unknown>, key: string) =>
          promise.catch((error: unknown) =>
            out.note(
              `no tree head with the ${key} key: ${error instanceof Error ? error.message : String(error)}`,
            ),
          );
        await headOrNote(services.audit.signHead(), 'old');
        const rotated = await rotateDeploymentKeys(keysDir);
        const audit = createAuditLog({ db: database.db, keys: await loadDeploymentKeys(keysDir) });
        await audit.record(
          null,
          auditEvent(actor, 'keys.rotate', {
            mechanismId: null,
            objectIds: [rotated.keyId],
            details: rotated,
          }),
        );
        await headOrNote(audit.signHead(), 'new');
        out.result(rotated, (r) =>
          out.line(
            `the deployment key is now ${r.keyId}; ${r.retiredKeyId} is retired (its public key stays for verification)`,
          ),
        );
      });
    });

  program
    .command('backup')
    .description(
      'write the embedded database to one file (with PostgreSQL, use pg_dump); keys are backed up apart',
    )
    .requiredOption('--out <file>', 'the backup file to write')
    .action(async (options: { out: string }) => {
      const out = output();
      if (env.config.database.kind !== 'pglite') {
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          'with DATABASE_URL set, back up with pg_dump (docs/security.md)',
        );
      }
      // Refused before the database is opened and dumped: the answer comes at once.
      if (await exists(options.out)) throw fileError(options.out, 'EEXIST');
      await withContext(env, out, async ({ database }) => {
        const dump = await database.dump('gzip');
        await fs
          .writeFile(options.out, Buffer.from(await dump.arrayBuffer()), {
            mode: 0o600,
            flag: 'wx',
          })
          .catch((error: NodeJS.ErrnoException) => {
            throw fileError(options.out, error.code, error);
          });
        out.result({ file: options.out, bytes: dump.size }, (r) =>
          out.line(`wrote ${r.bytes} bytes to ${r.file}`),
        );
      });
    });
  program
    .command('restore')
    .description('create the embedded database from a backup, in an empty data directory')
    .requiredOption('--from <file>', 'the backup file')
    .action(async (options: { from: string }) => {
      const out = output();
      if (env.config.database.kind !== 'pglite') {
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          'with DATABASE_URL set, restore with pg_restore (docs/security.md)',
        );
      }
      const release = await lockEmbeddedDatabase(env.config);
      try {
        const backup = new Blob([
          await fs.readFile(options.from).catch((error: NodeJS.ErrnoException) => {
            throw fileError(options.from, error.code, error);
          }),
        ]);
        await restorePglite(env.config.database.dataDir, backup).catch((error: Error) => {
          throw new AppError('VALIDATION.INVALID_INPUT', error.message);
        });
      } finally {
        await release();
      }
      out.result({ restored: options.from }, () =>
        out.line(
          `restored ${options.from}; check it with parley audit verify (restore the keys directory too)`,
        ),
      );
    });
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

/** One line for the operator about a file that cannot be written or read, instead of a stack trace. */
function fileError(file: string, code: string | undefined, cause?: Error): AppError {
  const why: Record<string, string> = {
    EEXIST:
      'already exists: a backup is never overwritten; choose another name, or move the old file away first',
    ENOENT: 'does not exist, or its directory does not',
    EACCES: 'is not accessible to this user',
    EISDIR: 'is a directory',
    ENOSPC: 'cannot be written: the disk is full',
  };
  return new AppError(
    'VALIDATION.INVALID_INPUT',
    `${file} ${why[code ?? ''] ?? `cannot be used: ${cause?.message ?? code ?? 'unknown error'}`}`,
  );
}
