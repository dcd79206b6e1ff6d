import type { Command } from 'commander';
import type { CliEnvironment } from './context.ts';
import type { Output } from './output.ts';

/** Adds a group's commands to the program. */
export type RegisterCommands = (
  program: Command,
  env: CliEnvironment,
  output: () => Output,
) => void;

/**
 * The groups of commands, in the order of the help, each loaded only when asked for: the built
 * `parley` loads the one group whose command runs (dist/commands.json says which), not every
 * module of the server, and `parley --help` none. A new group is one more line here.
 */
export const COMMAND_GROUPS: ReadonlyArray<() => Promise<RegisterCommands>> = [
  async () => (await import('./commands/serve.ts')).registerServeCommand,
  async () => (await import('./commands/db.ts')).registerDbCommands,
  async () => (await import('./commands/mechanism.ts')).registerMechanismCommands,
  async () => (await import('./commands/list.ts')).registerListCommands,
  async () => (await import('./commands/demo.ts')).registerDemoCommand,
  async () => (await import('./commands/audit.ts')).registerAuditCommands,
  async () => (await import('./commands/access.ts')).registerAccessCommands,
  async () => (await import('./commands/retention.ts')).registerRetentionCommands,
  async () => (await import('./commands/operations.ts')).registerOperationsCommands,
  async () => (await import('./commands/link.ts')).registerLinkCommands,
  async () => (await import('./commands/reconcile.ts')).registerReconcileCommands,
  async () => (await import('./commands/outcomes.ts')).registerOutcomesCommands,
  async () => {
    // Signing adds to the manifest command: one group.
    const [{ registerManifestCommands }, { registerManifestSigningCommands }] = await Promise.all([
      import('./commands/manifest.ts'),
      import('./commands/manifest-signing.ts'),
    ]);
    return (program, env, output) => {
      registerManifestCommands(program, env, output);
      registerManifestSigningCommands(program, env, output);
    };
  },
  async () => (await import('./commands/key.ts')).registerKeyCommands,
  async () => (await import('./commands/exchange.ts')).registerExchangeCommands,
  async () => (await import('./commands/stage.ts')).registerStageCommands,
  async () => (await import('./commands/remains.ts')).registerRemainsCommands,
  async () => (await import('./commands/agreement.ts')).registerAgreementCommands,
  async () => (await import('./commands/eligibility.ts')).registerEligibilityCommands,
  async () => (await import('./commands/talks.ts')).registerTalksCommands,
  async () => (await import('./commands/inquiry.ts')).registerInquiryCommands,
];
