import fs from 'node:fs/promises';

/**
 * What the built `parley` knows of its commands without loading them (dist/commands.json, written
 * by scripts/build-app.mjs): the top-level help, and the group of each top-level command.
 */
export interface CommandManifest {
  readonly help: string;
  readonly groups: Readonly<Record<string, number>>;
}

/** The manifest beside the built program; null when running from the sources (no build there). */
export async function readCommandManifest(): Promise<CommandManifest | null> {
  const text = await fs
    .readFile(new URL('./commands.json', import.meta.url), 'utf8')
    .catch(() => null);
  return text === null ? null : (JSON.parse(text) as CommandManifest);
}

/** `parley --help` (or -h) and nothing else: the manifest's help answers it. */
export const asksForTopLevelHelp = (argv: readonly string[]): boolean =>
  argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h');

/**
 * The groups that the command line needs: the one whose command it names, or all (undefined) when
 * it names none that the manifest knows (the help, a mistyped name), so that the answer is the same.
 */
export function groupsFor(
  argv: readonly string[],
  manifest: CommandManifest | null,
): number[] | undefined {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const group = name === undefined ? undefined : manifest?.groups[name];
  return group === undefined ? undefined : [group];
}
