import os from 'node:os';
import { asksForTopLevelHelp, groupsFor, readCommandManifest } from './cli/command-manifest.ts';

// Lists of prisoners: every file Parley writes (database, exports, keys) is for its owner only.
process.umask(0o077);

// `parley ... | head`: when the reader has gone, there is no one left to tell; stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

const argv = process.argv.slice(2);
// Built, `parley` knows its commands from a manifest: the help needs no module of the server,
// and a command loads its own group only (CLI answers at once, issue 17).
const manifest = await readCommandManifest();
if (manifest && asksForTopLevelHelp(argv)) {
  process.stdout.write(manifest.help);
} else {
  // Loaded after the help: the configuration's schema and the program are not needed for it.
  const [{ loadConfig, ConfigError }, { runCli }] = await Promise.all([
    import('./platform/config.ts'),
    import('./cli/program.ts'),
  ]);
  // The only reader of the environment: everything below gets the validated configuration.
  try {
    const config = loadConfig(process.env);
    process.exitCode = await runCli(
      argv,
      { config, isInteractive: Boolean(process.stderr.isTTY), userName: os.userInfo().username },
      groupsFor(argv, manifest),
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`parley: configuration: ${error.message}\n`);
    process.exitCode = 2;
  }
}
