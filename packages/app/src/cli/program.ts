import { Command, CommanderError } from 'commander';
import { isAppError } from '../platform/errors.ts';
import { formatProblem, type LineProblem } from '../modules/registry/index.ts';
import type { CliEnvironment } from './context.ts';
import { registerAccessCommands } from './commands/access.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerListCommands } from './commands/list.ts';
import { registerMechanismCommands } from './commands/mechanism.ts';
import { registerRetentionCommands } from './commands/retention.ts';
import { registerOperationsCommands } from './commands/operations.ts';
import { registerLinkCommands } from './commands/link.ts';
import { registerReconcileCommands } from './commands/reconcile.ts';
import { registerManifestCommands } from './commands/manifest.ts';
import { registerKeyCommands } from './commands/key.ts';
import { registerExchangeCommands } from './commands/exchange.ts';
import { registerStageCommands } from './commands/stage.ts';
import { registerRemainsCommands } from './commands/remains.ts';
import { registerManifestSigningCommands } from './commands/manifest-signing.ts';
import { registerAgreementCommands } from './commands/agreement.ts';
import { registerEligibilityCommands } from './commands/eligibility.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerTalksCommands } from './commands/talks.ts';
import { registerInquiryCommands } from './commands/inquiry.ts';
import { createOutput, PROCESS_STREAMS, type Output } from './output.ts';

/** Runs the `parley` command line and returns the exit code; a user mistake is one line on stderr. */
export async function runCli(argv: readonly string[], env: CliEnvironment): Promise<number> {
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
  registerServeCommand(program, env, output);
  registerDbCommands(program, env, output);
  registerMechanismCommands(program, env, output);
  registerListCommands(program, env, output);
  registerDemoCommand(program, env, output);
  registerAuditCommands(program, env, output);
  registerAccessCommands(program, env, output);
  registerRetentionCommands(program, env, output);
  registerOperationsCommands(program, env, output);
  registerLinkCommands(program, env, output);
  registerReconcileCommands(program, env, output);
  registerManifestCommands(program, env, output);
  registerKeyCommands(program, env, output);
  registerExchangeCommands(program, env, output);
  registerStageCommands(program, env, output);
  registerRemainsCommands(program, env, output);
  registerManifestSigningCommands(program, env, output);
  registerAgreementCommands(program, env, output);
  registerEligibilityCommands(program, env, output);
  registerTalksCommands(program, env, output);
  registerInquiryCommands(program, env, output);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isAppError(error)) {
      streams.stderr.write(`parley: ${error.message}\n`);
      const details = error.details as { errors?: LineProblem[] } | undefined;
      for (const problem of details?.errors ?? [])
        streams.stderr.write(`  ${formatProblem(problem)}\n`);
      return 1;
    }
    throw error;
  }
}
