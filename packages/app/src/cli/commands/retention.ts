import { Option, type Command } from 'commander';
import { wholeNumber } from '../arguments.ts';
import { RETENTION_CATEGORIES } from '../../modules/retention/index.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

export function registerRetentionCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const retention = program
    .command('retention')
    .description('how long each category of data is kept');
  retention
    .command('set')
    .description(
      `set a category's period: ${Object.entries(RETENTION_CATEGORIES)
        .map(([c, what]) => `${c} (${what})`)
        .join('; ')}`,
    )
    .addOption(
      new Option('--category <category>', 'the data category')
        .choices(Object.keys(RETENTION_CATEGORIES))
        .makeOptionMandatory(),
    )
    .requiredOption('--days <n>', 'days to keep', wholeNumber(1))
    .action(async (options: { category: string; days: number }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        await services.retention.setPolicy(actor, options.category, options.days);
        out.result(options, (o) => out.line(`${o.category} is kept for ${o.days} days`));
      });
    });
  retention
    .command('run')
    .description('report what has expired; with --apply, delete it (each deletion is logged)')
    .option('--apply', 'delete what has expired, after reading the report')
    .action(async (options: { apply?: boolean }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const findings = await services.retention.run(actor, { apply: Boolean(options.apply) });
        out.result(findings, (rows) => {
          if (rows.length === 0) out.line('no retention periods are set: see parley retention set');
          for (const f of rows) {
            const what = f.deletedRows === null ? 'expired' : `deleted (${f.deletedRows} rows)`;
            out.line(
              `${f.category} (kept ${f.days} days, before ${f.expiredBefore.toISOString()}): ${f.objects} ${what}`,
            );
          }
          if (!options.apply && rows.some((f) => f.objects > 0))
            out.line('nothing was deleted; run again with --apply to delete it');
        });
      });
    });
}
