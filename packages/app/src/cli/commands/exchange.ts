import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs/promises';
import { Option, type Command } from 'commander';
import {
  EXCEPTIONS,
  MAIN_PATH,
  reportFile,
  signingMessage,
} from '../../modules/exchanges/index.ts';
import { AppError } from '../../platform/errors.ts';
import { wholeNumber } from '../arguments.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

const STATES = [...MAIN_PATH, ...EXCEPTIONS];

async function readText(file: string, what: string): Promise<string> {
  return fs.readFile(file, 'utf8').catch(() => {
    throw new AppError('VALIDATION.INVALID_INPUT', `cannot read ${what} ${file}`);
  });
}

/**
 * `parley key`, `parley exchange`, `parley stage` and the signing half of `parley manifest`:
 * from the eligible persons to a signed manifest. Private keys stay in files on the signer's
 * machine; the server keeps public keys and signatures only.
 */
export function registerExchangeCommands(
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
        const registered = await services.exchanges.registerKey(actor, {
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
        const keys = await services.exchanges.keys(actor, options.mechanism);
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

  const exchange = program.command('exchange').description("each person's path to handover");
  const agreementOptions = (command: Command) =>
    command
      .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
      .requiredOption('--agreement <name>', 'the agreement, by name or id');
  agreementOptions(
    exchange
      .command('open')
      .description(
        "put every person the agreement makes eligible on each side's held list on the path",
      ),
  ).action(async (options: { mechanism: string; agreement: string }) => {
    const out = output();
    await withContext(env, out, async ({ services, actor }) => {
      const opened = await services.exchanges.openPaths(actor, options);
      out.result(opened, (o) => out.line(`${o.eligible} eligible; ${o.added} new on the path`));
    });
  });
  agreementOptions(
    exchange.command('persons').description('the persons on the path, with their states'),
  )
    .addOption(new Option('--state <state>', 'only those in this state').choices(STATES))
    .action(async (options: { mechanism: string; agreement: string; state?: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const persons = await services.exchanges.persons(actor, options);
        out.result(persons, (list) => {
          for (const p of list)
            out.line(
              `${p.id}\t${p.party}→${p.receivingParty}\t${p.recordId}\t${p.category}\t${p.state}`,
            );
        });
      });
    });
  agreementOptions(
    exchange
      .command('report')
      .description('asked for and got, persons by category and state, stages, disputes'),
  )
    .option('--out <file>', 'write CSV or XLSX (by the extension) instead of printing')
    .action(async (options: { mechanism: string; agreement: string; out?: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const rows = await services.exchanges.report(actor, options);
        if (options.out) {
          const format = options.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
          await fs.writeFile(options.out, await reportFile(rows, format));
          out.result({ file: options.out, rows: rows.length }, (r) =>
            out.line(`wrote ${r.file} (${r.rows} rows)`),
          );
          return;
        }
        out.result(rows, (list) => {
          for (const r of list)
            out.line(`${r.section}\t${r.party}\t${r.item}\t${r.detail}\t${r.count}`);
        });
      });
    });
  exchange
    .command('receipt')
    .description(
      'issue the receipt of a person handed over, for the receiving side and the verifier to sign',
    )
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .argument('<person>', 'the person id')
    .action(async (personId: string, options: { mechanism: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const issued = await services.exchanges.issueReceipt(actor, { ...options, personId });
        out.result(issued, (r) =>
          out.line(`receipt ${r.receiptId} (sha256 ${r.hash}): sign it with parley manifest sign`),
        );
      });
    });
  exchange
    .command('move')
    .description('move persons to the next state (or an exception, with --reason); one result each')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .addOption(new Option('--to <state>', 'the new state').choices(STATES).makeOptionMandatory())
    .option('--reason <text>', 'why (required for exceptions)')
    .argument('<person...>', 'person ids, as `exchange persons` shows them')
    .action(
      async (persons: string[], options: { mechanism: string; to: string; reason?: string }) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const results = await services.exchanges.move(actor, {
            mechanism: options.mechanism,
            moves: persons.map((personId) => ({
              personId,
              to: options.to as (typeof STATES)[number],
              ...(options.reason ? { reason: options.reason } : {}),
            })),
          });
          out.result(results, (list) => {
            for (const r of list)
              out.line(`${r.personId}: ${r.ok ? `now ${r.state}` : `refused: ${r.problem}`}`);
          });
        });
      },
    );

  const stage = program.command('stage').description('stages of an exchange, at parity');
  agreementOptions(
    stage.command('propose').description('propose the next stage from the persons cleared to go'),
  )
    .requiredOption('--place <place>', 'where the handover happens')
    .requiredOption('--date <YYYY-MM-DD>', 'when')
    .option('--size <n>', 'at most this many from each side', wholeNumber(1))
    .action(
      async (options: {
        mechanism: string;
        agreement: string;
        place: string;
        date: string;
        size?: number;
      }) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const plan = await services.exchanges.proposeStage(actor, options);
          out.result(plan, (p) => {
            out.line(`stage ${p.number} (${p.stageId}): ${p.selected} persons`);
            for (const row of p.parity.rows)
              out.line(
                `  ${row.category}: ${JSON.stringify(row.bySide)}${row.isBalanced ? '' : ' NOT AT PARITY'}`,
              );
            for (const s of p.surplus) out.line(`  left out ${s.personId}: ${s.reason}`);
          });
        });
      },
    );
  stage
    .command('list')
    .description("the mechanism's stages, oldest first, with their status")
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .action(async (options: { mechanism: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const stages = (await services.exchanges.stages(actor, options.mechanism)).map((s) => ({
          id: s.id,
          agreementId: s.agreement_id,
          number: s.number,
          place: s.place,
          date: s.date,
          status: s.status,
        }));
        out.result(stages, (list) => {
          for (const s of list)
            out.line(`${s.id}\tstage ${s.number}\t${s.date}\t${s.place}\t${s.status}`);
        });
      });
    });
  stage
    .command('show')
    .description('a stage: its status, parity per category, and its persons')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .argument('<stage>', 'the stage id')
    .action(async (stageId: string, options: { mechanism: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const found = await services.exchanges.stage(actor, {
          mechanism: options.mechanism,
          stageId,
        });
        const shown = {
          id: found.stage.id,
          number: found.stage.number,
          place: found.stage.place,
          date: found.stage.date,
          status: found.stage.status,
          parity: found.parity,
          persons: found.persons.map((p) => ({
            id: p.id,
            party: p.party_code,
            recordId: p.record_id,
            category: p.category,
            state: p.state,
          })),
          manifests: found.manifests.map((m) => ({ id: m.id, hash: m.hash })),
        };
        out.result(shown, (s) => {
          out.line(`stage ${s.number} (${s.id}), ${s.date}, ${s.place}: ${s.status}`);
          out.line(s.parity.isBalanced ? 'at parity' : 'NOT at parity');
          for (const row of s.parity.rows)
            out.line(
              `  ${row.category}: ${JSON.stringify(row.bySide)}${row.isBalanced ? '' : ' NOT AT PARITY'}`,
            );
          for (const p of s.persons)
            out.line(`${p.id}\t${p.party}\t${p.recordId}\t${p.category}\t${p.state}`);
          for (const m of s.manifests) out.line(`manifest ${m.id} sha256 ${m.hash}`);
        });
      });
    });
  stage
    .command('report')
    .description("a stage's persons by category and state, parity, surplus, returns, disputes")
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .option('--out <file>', 'write CSV or XLSX (by the extension) instead of printing')
    .argument('<stage>', 'the stage id')
    .action(async (stageId: string, options: { mechanism: string; out?: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const report = await services.exchanges.stageReport(actor, {
          mechanism: options.mechanism,
          stageId,
        });
        if (options.out) {
          const format = options.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
          await fs.writeFile(options.out, await reportFile(report.rows, format));
          out.result({ file: options.out, rows: report.rows.length }, (r) =>
            out.line(`wrote ${r.file} (${r.rows} rows)`),
          );
          return;
        }
        out.result(report, (r) => {
          out.line(`stage ${r.stage.number}: ${r.stage.status}`);
          for (const row of r.rows)
            out.line(`${row.section}\t${row.party}\t${row.item}\t${row.detail}\t${row.count}`);
        });
      });
    });
  stage
    .command('approve')
    .description('approve a stage at parity: its manifest is frozen for signature')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .argument('<stage>', 'the stage id')
    .action(async (stageId: string, options: { mechanism: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const approved = await services.exchanges.approveStage(actor, {
          mechanism: options.mechanism,
          stageId,
        });
        out.result(approved, (a) =>
          out.line(`manifest ${a.manifestId} frozen: ${a.persons} persons, sha256 ${a.hash}`),
        );
      });
    });
  stage
    .command('withdraw')
    .description('withdraw a person from a proposed stage; the place is refilled at parity')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--reason <text>', 'why')
    .argument('<person>', 'the person id')
    .action(async (personId: string, options: { mechanism: string; reason: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const done = await services.exchanges.withdraw(actor, { ...options, personId });
        out.result(done, (d) =>
          out.line(
            `withdrawn; ${d.replacement ? `replaced by ${d.replacement}` : 'no one can take the place at parity'}`,
          ),
        );
      });
    });

  const remains = program
    .command('remains')
    .description('repatriation of remains: batches of bags');
  remains
    .command('offer')
    .description('offer a batch: one bag per count, e.g. --bags 1,1,2')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--from <party>', 'the sending party')
    .requiredOption('--label <label>', "the batch's label")
    .requiredOption('--bags <counts>', 'bodies per bag, comma-separated', (value: string) =>
      value.split(',').map((n) => wholeNumber(1, 20)(n.trim())),
    )
    .action(async (options: { mechanism: string; from: string; label: string; bags: number[] }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const offered = await services.remains.offer(actor, {
          ...options,
          bags: options.bags.map((bodies, i) => ({ label: `${options.label}-${i + 1}`, bodies })),
        });
        out.result(offered, (o) => out.line(`batch ${o.id}: ${o.bags} bags, ${o.bodies} bodies`));
      });
    });
  remains
    .command('advance')
    .description('the next step of a batch: accepted, transferred, received')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .addOption(
      new Option('--to <state>', 'the new state')
        .choices(['accepted', 'transferred', 'received'])
        .makeOptionMandatory(),
    )
    .argument('<batch>', 'the batch id')
    .action(
      async (
        batchId: string,
        options: { mechanism: string; to: 'accepted' | 'transferred' | 'received' },
      ) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const moved = await services.remains.advance(actor, { ...options, batchId });
          out.result(moved, (m) => out.line(`batch ${m.id} is ${m.state}`));
        });
      },
    );
  remains
    .command('examine')
    .description(
      "what a received bag held: identified, unidentified, or foreign (the sender's own dead)",
    )
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .addOption(
      new Option('--to <state>', 'the outcome')
        .choices(['examined', 'identified', 'unidentified', 'foreign'])
        .makeOptionMandatory(),
    )
    .option('--bodies <n>', 'the corrected number of bodies', wholeNumber(1, 20))
    .option('--note <text>', 'for the record')
    .argument('<bag>', 'the bag id')
    .action(
      async (
        bagId: string,
        options: {
          mechanism: string;
          to: 'examined' | 'identified' | 'unidentified' | 'foreign';
          bodies?: number;
          note?: string;
        },
      ) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const examined = await services.remains.examine(actor, { ...options, bagId });
          out.result(examined, (e) => out.line(`bag ${e.id} is ${e.state}`));
        });
      },
    );
  remains
    .command('show')
    .description('every batch with its bags, and parity of bodies')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .action(async (options: { mechanism: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const overview = await services.remains.overview(actor, options.mechanism);
        out.result(overview, (o) => {
          for (const b of o.batches)
            out.line(`${b.id}\t${b.label}\t${b.from}->${b.to}\t${b.state}\t${b.bags.length} bags`);
          out.line(
            `bodies ${JSON.stringify(o.parity.bodies)}; returned as foreign ${JSON.stringify(o.parity.foreign)}; ${o.parity.isBalanced ? 'at parity' : 'NOT at parity'}`,
          );
        });
      });
    });

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
        const pdf = await services.exchanges.manifestPdf(actor, {
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
          const keyId = (await services.exchanges.keys(actor, options.mechanism)).find(
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
