import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { headSignatureChecker } from '../../modules/audit/index.ts';
import { verifySignedDocument } from '../../modules/exchanges/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

async function readJson(file: string, what: string): Promise<unknown> {
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new AppError('VALIDATION.INVALID_INPUT', `cannot read ${what} ${file}`);
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError(
      'VALIDATION.INVALID_INPUT',
      `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** `parley manifest verify`: offline, with no database, as an auditor or a party would. */
export function registerManifestCommands(
  program: Command,
  _env: CliEnvironment,
  output: () => Output,
): void {
  const manifest = program.command('manifest').description('signed manifests and receipts');
  manifest
    .command('verify')
    .description(
      'check the hash and every signature of a manifest or receipt file, offline; name what is wrong',
    )
    .argument('<file>', 'the signed file (JSON)')
    .option(
      '--keys <file>',
      "the mechanism's registered key ids (a JSON array, or objects with keyId): signatures by other keys fail",
    )
    .action(async (file: string, options: { keys?: string }) => {
      const out = output();
      const keys = options.keys ? await readJson(options.keys, 'the key list') : undefined;
      const trusted = Array.isArray(keys)
        ? new Set(
            keys.map((k: unknown) =>
              typeof k === 'string' ? k : String((k as { keyId?: unknown }).keyId),
            ),
          )
        : undefined;
      if (options.keys && !trusted) {
        throw new AppError('VALIDATION.INVALID_INPUT', `${options.keys} is not a JSON array`);
      }
      const report = verifySignedDocument(await readJson(file, 'the file'), {
        ...(trusted ? { trustedKeyIds: trusted } : {}),
        isLogHeadSigned: (head, logKeys) => headSignatureChecker(logKeys)(head),
      });
      out.result(report, (r) => {
        out.line(
          `${file}: ${r.ok ? 'verified' : 'NOT VALID'}${r.hash ? ` (sha256 ${r.hash})` : ''}`,
        );
        for (const s of r.signers) {
          out.line(
            `  ${s.valid ? 'ok  ' : 'BAD '} ${s.signer} ${s.role}${s.party ? ` for ${s.party}` : ''}, key ${s.keyId}`,
          );
        }
        for (const h of r.logHeads) {
          out.line(
            `  ${h.valid ? 'ok  ' : 'BAD '} audit log head of ${h.treeSize} entries (root ${h.rootHash}) signed with ${h.signer}'s signature; keep the file: parley audit verify --witness ${file}`,
          );
        }
        for (const problem of r.problems) out.line(`  problem: ${problem}`);
      });
      if (!report.ok) {
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          `${file} does not verify: ${report.problems.length} problem(s)`,
        );
      }
    });
}
