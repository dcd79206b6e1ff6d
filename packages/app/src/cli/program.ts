import { Command, CommanderError } from 'commander';
import { isAppError } from '../platform/errors.ts';
import type { LineProblem } from '../modules/registry/index.ts';
import { COMMAND_GROUPS } from './command-groups.ts';
import type { CliEnvironment } from './context.ts';
import { createOutput, PROCESS_STREAMS, type Output } from './output.ts';

/**
 * The `parley` program with the given groups of commands (indexes into COMMAND_GROUPS; all when
 * absent), each group's module loaded now.
 */
export async function buildProgram(
  env: CliEnvironment,
  groups: readonly number[] = COMMAND_GROUPS.map((_, index) => index),
): Promise<Command> {
  const registers = await Promise.all(
    groups.map((index) => {
      const load = COMMAND_GROUPS[index];
      if (!load) throw new Error(`no command group ${index}`);
      return load();
    }),
  );
  const program = new Command('parley')
    .description(
      'Parley: lists, reconciliation and handovers for mediated exchanges of prisoners of war',
    )
    .option('--json', 'print results as JSON, for scripts')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const streams = env.streams ?? PROCESS_STREAMS;
  // Set before the commands are added, which inherit it: help and usage errors go there too.
  program.configureOutput({
    writeOut: (text) => streams.stdout.write(text),
    writeErr: (text) => streams.stderr.write(text),
  });
  const output = (): Output =>
    createOutput({
      isJson: Boolean(program.opts<{ json?: boolean }>().json),
      isInteractive: env.isInteractive,
      streams,
    });
  for (const register of registers) register(program, env, output);
  return program;
}

/**
 * Runs the `parley` command line and returns the exit code; a user mistake is one line on stderr.
 * `groups` limits the commands loaded to those that can run (all when absent: the help and the
 * suggestions for a mistyped command name them all).
 */
export async function runCli(
  argv: readonly string[],
  env: CliEnvironment,
  groups?: readonly number[],
): Promise<number> {
  const program = await buildProgram(env, groups);
  const streams = env.streams ?? PROCESS_STREAMS;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isAppError(error)) {
      streams.stderr.write(`parley: ${error.message}\n`);
      const details = error.details as { errors?: LineProblem[] } | undefined;
      // Loaded here, not with the program: the registry module is most of the server.
      const { formatProblem } = await import('../modules/registry/index.ts');
      for (const problem of details?.errors ?? [])
        streams.stderr.write(`  ${formatProblem(problem)}\n`);
      return 1;
    }
    throw error;
  }
}
