import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import fs from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { signingMessage } from '../../modules/exchanges/index.ts';
import { AppError } from '../../platform/errors.ts';
import { readText } from '../arguments.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

/**
 * The signing half of `parley manifest`: export, correct, print and sign. Private keys stay in
 * files on the signer's machine; the server keeps public keys and signatures only.
 */
export function registerManifestSigningCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const manifest = program.commands.find((c) => c.name() === 'manifest');
  if (!manifest) throw new Error('register the manifest command first');
  manifest
    .command('export')
    .description('write a manifest with its signatures to a file, for offline verification')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--out <file>', 'the JSON file to write')
    .argument('<manifest>', 'the manifest id')
    .action(async (manifestId: string, options: { mechanism: string; out: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const file = await services.exchanges.manifestFile(actor, {
          mechanism: options.mechanism,
          manifestId,
        });
        await fs.writeFile(options.out, `${JSON.stringify(file, null, 2)}\n`);
        out.result({ file: options.out, hash: file.hash }, (r) =>
          out.line(`wrote ${r.file} (sha256 ${r.hash}, ${file.signatures.length} signatures)`),
        );
      });
    });
  manifest
    .command('correct')
    .description(
      'issue a corrected manifest of the persons still on their way; it names the old one',
    )
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--reason <text>', 'why')
    .argument('<manifest>', 'the manifest id')
    .action(async (manifestId: string, options: { mechanism: string; reason: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const corrected = await services.exchanges.correctManifest(actor, {
          ...options,
          manifestId,
        });
        out.result(corrected, (c) =>
          out.line(
            `manifest ${c.manifestId} (${c.persons} persons, sha256 ${c.hash}) corrects ${c.supersedes}`,
          ),
        );
      });
    });
  manifest
    .command('print')
    .description('print a manifest as PDF, with its hash, signatures and verification')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--out <file>', 'the PDF file to write')
    .argument('<manifest>', 'the manifest id')
    .action(async (manifestId: string, options: { mechanism: string; out: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const { pdf } = await services.exchanges.manifestPdf(actor, {
          mechanism: options.mechanism,
          manifestId,
        });
        await fs.writeFile(options.out, pdf);
        out.result({ file: options.out, bytes: pdf.length }, (r) =>
          out.line(`wrote ${r.file} (${r.bytes} bytes)`),
        );
      });
    });
  manifest
    .command('sign')
    .description("sign a manifest with a user's private key file, as that user's role")
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--key <file>', 'the private key file (.key)')
    .requiredOption('--username <name>', 'whose key it is')
    .addOption(
      new Option('--role <role>', 'signing as')
        .choices(['party_officer', 'mediator', 'neutral_verifier'])
        .makeOptionMandatory(),
    )
    .option('--party <code>', 'for a party officer: the party')
    .argument('<manifest>', 'the manifest id')
    .action(
      async (
        manifestId: string,
        options: {
          mechanism: string;
          key: string;
          username: string;
          role: 'party_officer' | 'mediator' | 'neutral_verifier';
          party?: string;
        },
      ) => {
        const out = output();
        const privateKey = createPrivateKey(await readText(options.key, 'the private key'));
        await withContext(env, out, async ({ services, actor }) => {
          const file = await services.exchanges.manifestFile(actor, {
            mechanism: options.mechanism,
            manifestId,
          });
          const keyId = (await services.signingKeys.keys(actor, options.mechanism)).find(
            (k) =>
              k.publicKey ===
              createPublicKey(privateKey)
                .export({ type: 'spki', format: 'der' })
                .toString('base64'),
          )?.keyId;
          if (!keyId)
            throw new AppError(
              'EXCHANGE.BAD_SIGNATURE',
              `the key in ${options.key} is not registered`,
            );
          const signed = await services.exchanges.signManifest(actor, {
            mechanism: options.mechanism,
            manifestId,
            keyId,
            signature: sign(
              null,
              signingMessage('parley-manifest/1', file.hash),
              privateKey,
            ).toString('base64'),
            role: options.role,
            ...(options.party ? { party: options.party } : {}),
            onBehalfOf: options.username.trim().toLowerCase(),
          });
          out.result(signed, (s) => out.line(`signed sha256 ${s.hash} as ${options.role}`));
        });
      },
    );
}
