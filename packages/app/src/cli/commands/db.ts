import type { Command } from 'commander';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';

export function registerDbCommands(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  const db = program.command('db').description('the database');
  db.command('migrate')
    .description('bring the schema to the newest migration (the server also does this on start)')
    .action(async () => {
      const out = output();
      await withContext(env, out, async ({ database }) => {
        const { applied } = database;
        out.result({ database: database.kind, applied }, () =>
          out.line(
            `${database.kind}: schema is up to date${applied.length ? ` (applied ${applied.join(', ')})` : ''}`,
          ),
        );
      });
    });
}
