import { loadConfig } from '../platform/config.ts';
import { COMMAND_GROUPS } from './command-groups.ts';
import type { CommandManifest } from './command-manifest.ts';
import { buildProgram } from './program.ts';

// The build's entry (scripts/build-app.mjs) that writes dist/commands.json; not loaded by `parley`.

/** Builds the manifest from the program itself, every group loaded: run at build time only. */
export async function describeCommands(): Promise<CommandManifest> {
  const env = { config: loadConfig({}), isInteractive: false, userName: 'build' };
  const groups: Record<string, number> = {};
  for (let index = 0; index < COMMAND_GROUPS.length; index++) {
    for (const command of (await buildProgram(env, [index])).commands)
      groups[command.name()] = index;
  }
  // The width of a terminal that says none (a pipe), whatever the build's terminal is.
  const program = (await buildProgram(env)).configureHelp({ helpWidth: 80 });
  return { help: program.helpInformation(), groups };
}
