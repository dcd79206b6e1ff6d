import fs from 'node:fs/promises';
import { Option, type Command } from 'commander';
import {
  FILE_LANGUAGES,
  OUTCOME_LISTS,
  outcomeListFile,
  type FileLanguage,
  type OutcomeList,
} from '../../modules/reconciliation/index.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

/** `parley outcomes`: the outcome lists of a reconciliation, released to a party and exported. */
export function registerOutcomesCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const outcomes = program
    .command('outcomes')
    .description(
      "the outcome lists of the latest reconciliation: which of a party's sought persons the other side acknowledged or not, and whom it holds unrequested",
    );
  outcomes
    .command('release')
    .description('release outcome lists of the latest finished reconciliation to a party')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--party <code>', 'the party they are released to')
    .addOption(
      new Option('--lists <list...>', 'the lists to release (all three when absent)').choices(
        OUTCOME_LISTS,
      ),
    )
    .action(async (options: { mechanism: string; party: string; lists?: OutcomeList[] }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const released = await services.outcomeLists.release(actor, options.mechanism, {
          party: options.party,
          ...(options.lists ? { lists: options.lists } : {}),
        });
        out.result(released, (r) =>
          out.line(
            `released ${r.lists.join(', ')} to ${r.party} (run ${r.runId}; release ${r.id})`,
          ),
        );
      });
    });
  outcomes
    .command('releases')
    .description('the releases of outcome lists, the latest first')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .action(async (options: { mechanism: string }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const releases = await services.outcomeLists.releases(actor, options.mechanism);
        out.result(releases, (list) => {
          for (const r of list)
            out.line(`${r.releasedAt}\t${r.party}\t${r.lists.join(',')}\t${r.releasedBy}`);
        });
      });
    });
  outcomes
    .command('show')
    .description('the outcome lists last released to a party, person by person, or as a file')
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--party <code>', 'the party they were released to')
    .option('--out <file>', 'write CSV, XLSX or PDF (by the extension) instead of printing')
    .addOption(
      new Option('--lang <language>', 'the language of the file’s headings')
        .choices(FILE_LANGUAGES)
        .default('en'),
    )
    .action(
      async (options: { mechanism: string; party: string; out?: string; lang: FileLanguage }) => {
        const out = output();
        await withContext(env, out, async ({ services, actor }) => {
          const found = await services.outcomeLists.lists(actor, options.mechanism, {
            party: options.party,
          });
          if (options.out) {
            const extension = options.out.toLowerCase();
            const format = extension.endsWith('.xlsx')
              ? 'xlsx'
              : extension.endsWith('.pdf')
                ? 'pdf'
                : 'csv';
            await fs.writeFile(
              options.out,
              await outcomeListFile(found.lines, found.release, format, options.lang),
            );
            out.result({ file: options.out, lines: found.lines.length }, (r) =>
              out.line(`wrote ${r.file} (${r.lines} persons)`),
            );
            return;
          }
          out.result(found, (f) => {
            for (const l of f.lines)
              out.line(
                `${l.list}\t${l.listParty}\t${l.recordId}\t${l.name ?? l.nameLatin ?? ''}\t${l.dateOfBirth ?? ''}`,
              );
          });
        });
      },
    );
}
