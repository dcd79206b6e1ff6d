import os from 'node:os';
import { runCli } from './cli/program.ts';
import { loadConfig, ConfigError } from './platform/config.ts';

// Lists of prisoners: every file Parley writes (database, exports, keys) is for its owner only.
process.umask(0o077);

// `parley ... | head`: when the reader has gone, there is no one left to tell; stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

// The only reader of the environment: everything below gets the validated configuration.
try {
  const config = loadConfig(process.env);
  process.exitCode = await runCli(process.argv.slice(2), {
    config,
    isInteractive: Boolean(process.stderr.isTTY),
    userName: os.userInfo().username,
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`parley: configuration: ${error.message}\n`);
  process.exitCode = 2;
}
