import fs from 'node:fs/promises';
import { type Command } from 'commander';
import { reportFile, stageDetail, stageSummary } from '../../modules/exchanges/index.ts';
import { agreementOptions, wholeNumber } from '../arguments.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

/** `parley stage`: stages of an exchange at parity, proposed, approved or withdrawn, and reported. */
export function registerStageCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
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
        const stages = (await services.exchanges.stages(actor, options.mechanism)).map(
          stageSummary,
        );
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
        const shown = stageDetail(
          await services.exchanges.stage(actor, { mechanism: options.mechanism, stageId }),
        );
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
}
