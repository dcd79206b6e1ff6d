import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { AppError } from '../../platform/errors.ts';
import { wholeNumber } from '../arguments.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

/** `parley remains`: the repatriation of remains, batches of bags from offer to examination. */
export function registerRemainsCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const remains = program
    .command('remains')
    .description('repatriation of remains: batches of bags');
  remains
    .command('offer')
    .description(
      'offer a batch: one bag per count (--bags 1,1,2), or the bags of a CSV or XLSX file with the columns label and bodies (--bags-file)',
    )
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--from <party>', 'the sending party')
    .requiredOption('--label <label>', "the batch's label")
    .addOption(
      new Option('--bags <counts>', 'bodies per bag, comma-separated')
        .argParser((value: string) => value.split(',').map((n) => wholeNumber(1, 20)(n.trim())))
        .conflicts('bagsFile'),
    )
    .option('--bags-file <file>', 'a CSV or XLSX file of bags, all or nothing')
    .addOption(
      new Option('--encoding <encoding>', 'the CSV text encoding of --bags-file')
        .choices(['utf-8', 'cp1251'])
        .default('utf-8'),
    )
    .action(
      async (options: {
        mechanism: string;
        from: string;
        label: string;
        bags?: number[];
        bagsFile?: string;
        encoding: 'utf-8' | 'cp1251';
      }) => {
        const out = output();
        const { bags, bagsFile, encoding, ...batch } = options;
        await withContext(env, out, async ({ services, actor }) => {
          if (!bags && !bagsFile) {
            throw new AppError(
              'VALIDATION.INVALID_INPUT',
              'give the bags: --bags 1,1,2 or --bags-file bags.csv',
            );
          }
          const offered = bagsFile
            ? await services.remains.offerFile(actor, {
                ...batch,
                file: {
                  name: path.basename(bagsFile),
                  content: createReadStream(bagsFile),
                  encoding,
                  maxBytes: env.config.maxUploadBytes,
                  limits: env.config.listFileLimits,
                },
              })
            : await services.remains.offer(actor, {
                ...batch,
                bags: (bags ?? []).map((bodies, i) => ({
                  label: `${batch.label}-${i + 1}`,
                  bodies,
                })),
              });
          out.result(offered, (o) => out.line(`batch ${o.id}: ${o.bags} bags, ${o.bodies} bodies`));
        });
      },
    );
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
}
