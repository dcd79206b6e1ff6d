import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { AppError } from '../../platform/errors.ts';
import {
  headsKeptIn,
  verifyAuditExport,
  type ChainVerdict,
  type WitnessedHead,
} from '../../modules/audit/index.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';
import { readJsonFile, registerAuditProofCommands } from './audit-proofs.ts';

export function registerAuditCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description(
      'recompute the hash chain and the Merkle tree, check every signed head; with witness files, manifests or receipts, prove that nothing they saw was cut or rewritten; names the first entry that fails',
    )
    .option('--file <file>', 'verify an exported log offline instead of the database')
    .option(
      '--witness <files...>',
      'witness files (parley audit witness), signed manifests or receipts: heads kept outside the server',
    )
    .action(async (options: { file?: string; witness?: string[] }) => {
      const out = output();
      const witnessed = await readWitnessed(options.witness ?? []);
      const verdict = options.file
        ? await verifyAuditExport(
            () => createReadStream(options.file as string),
            options.file,
            witnessed,
          )
        : await withContext(env, out, ({ services }) => services.audit.verify(witnessed));
      report(out, verdict);
    });
  audit
    .command('break-glass')
    .description(
      'report every emergency (break-glass) access: who, where, why, and how many actions under it',
    )
    .action(async () => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const report = await services.access.breakGlassReport(actor);
        out.result(report, (rows) => {
          if (rows.length === 0) out.line('no break-glass access has been used');
          for (const r of rows) {
            out.line(
              `${r.startedAt.toISOString()}  ${r.username} in ${r.mechanism} until ${r.expiresAt.toISOString()}: ${r.actions} actions; reason: ${r.reason}`,
            );
          }
        });
      });
    });
  audit
    .command('export')
    .description(
      'write the whole log, its signed tree heads and public keys as NDJSON that verifies offline',
    )
    .requiredOption('--out <file>', 'the file to write')
    .action(async (options: { out: string }) => {
      const out = output();
      await withContext(env, out, async ({ services }) => {
        const partial = `${options.out}.partial`;
        const file = createWriteStream(partial, { mode: 0o600 });
        const counts = await services.audit.exportTo(file);
        file.end();
        await finished(file);
        await fs.rename(partial, options.out);
        out.result({ ...counts, file: options.out }, (r) =>
          out.line(
            `wrote ${r.entries} entries and ${r.heads} signed tree heads to ${r.file}; check it with parley audit verify --file ${r.file}`,
          ),
        );
      });
    });
  registerAuditProofCommands(audit, env, output);
}

/** The heads kept in witness files, manifests and receipts, each named by its file. */
async function readWitnessed(files: readonly string[]): Promise<WitnessedHead[]> {
  const heads: WitnessedHead[] = [];
  for (const file of files) {
    try {
      heads.push(...headsKeptIn(await readJsonFile(file), file));
    } catch (error) {
      throw new AppError(
        'AUDIT.BAD_WITNESS',
        error instanceof Error ? error.message : String(error),
      );
    }
  }
  return heads;
}

/** Prints the verdict; a broken chain is also the command's failure, so scripts see a non-zero exit. */
function report(out: Output, verdict: ChainVerdict): void {
  if (out.isJson || verdict.ok) {
    out.result(verdict, (v) => {
      if (v.ok)
        out.line(
          `the audit log holds: ${v.entries} entries, ${v.heads} signed tree heads` +
            (v.checkpoints > 0 ? ` and ${v.checkpoints} older checkpoints` : '') +
            (v.witnessed > 0 ? `, ${v.witnessed} heads kept by witnesses` : '') +
            `; root ${v.rootHash}, last hash ${v.lastHash}`,
        );
    });
  }
  if (!verdict.ok) {
    throw new AppError(
      'AUDIT.CHAIN_BROKEN',
      `the audit log is BROKEN at entry ${verdict.seq}: ${verdict.problem}`,
    );
  }
}
