import type { Command } from 'commander';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

const codes = (value: string) =>
  value
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);

export function registerMechanismCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const mechanism = program
    .command('mechanism')
    .description('exchange mechanisms between two parties');
  mechanism
    .command('create')
    .description('create a mechanism: two parties and their mediators')
    .requiredOption('--name <name>', 'its name, e.g. "UA-RU, Istanbul 2025"')
    .requiredOption('--parties <codes>', 'the two parties, e.g. UA,RU', codes)
    .option('--mediators <codes>', 'mediating states, e.g. TR', codes, [])
    .action(async (options: { name: string; parties: string[]; mediators: string[] }) => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const created = await services.mechanisms.create(actor, options);
        out.result(created, (m) =>
          out.line(
            `created mechanism "${m.name}" (${m.id}): parties ${m.parties.join(', ')}; mediators ${m.mediators.join(', ') || 'none'}`,
          ),
        );
      });
    });
  mechanism
    .command('list')
    .description('list the mechanisms')
    .action(async () => {
      const out = output();
      await withContext(env, out, async ({ services, actor }) => {
        const all = await services.mechanisms.list(actor);
        out.result(all, (items) => {
          if (items.length === 0)
            out.line('no mechanisms yet: create one with parley mechanism create');
          for (const m of items)
            out.line(
              `${m.name}\t${m.parties.join(',')}\tmediators ${m.mediators.join(',') || '-'}\t${m.id}`,
            );
        });
      });
    });
}
