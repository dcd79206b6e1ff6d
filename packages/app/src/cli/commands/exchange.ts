import fs from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { EXCEPTIONS, MAIN_PATH, reportFile } from '../../modules/exchanges/index.ts';
import { agreementOptions } from '../arguments.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

const STATES = [...MAIN_PATH, ...EXCEPTIONS];

/** `parley exchange`: each person's path to handover, from the eligible persons on. */
export function registerExchangeCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const exchange = program.command('exchange').description("each person's path to handover");
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
}
