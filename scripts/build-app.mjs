// Compiles the server and the CLI (packages/app with the kernel and the engine it imports) to
// JavaScript in packages/app/dist, so that `parley` starts without compiling TypeScript on every
// run (issue 17: 2 to 11 s a command under tsx). Run by `npm install` (the `prepare` script), by
// `npm run build`, and by the test runs' global setups (`--if-stale`), so that the spawned binary is never older
// than the sources it is tested against. esbuild, which tsx already brings, takes a second or two.
//
// The npm packages stay outside the bundle (node_modules is there at run time): only Parley's own
// code is compiled. Each command group is a chunk of its own, loaded when its command runs
// (cli/command-groups.ts); the worker threads' modules are entries of their own, beside the chunk
// that names them. `dist/commands.json` holds the top-level help and which group has which
// command, so that `parley --help` loads no group at all.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { isBuildCurrent } from '../packages/app/bin/build-state.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APP = path.join(ROOT, 'packages/app');
const OUT = path.join(APP, 'dist');

// `--if-stale` (the test runs): nothing to do when the build is of the sources as they are, so
// that two runs at once in one tree do not replace the files under each other's processes.
if (process.argv.includes('--if-stale') && isBuildCurrent()) process.exit(0);

const started = Date.now();
await fs.rm(OUT, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: {
    main: 'packages/app/src/main.ts',
    'describe-commands': 'packages/app/src/cli/describe-commands.ts',
    // Named as linkage-pool.ts and log-verifier.ts name them, beside the chunks that do.
    'linkage.worker': 'packages/app/src/modules/reconciliation/linkage.worker.ts',
    'verify-pages.worker': 'packages/app/src/modules/audit/verify-pages.worker.ts',
  },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'npm-packages-stay-outside',
      setup(builder) {
        builder.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@parley/') ? undefined : { external: true },
        );
      },
    },
  ],
});

// The sources the build read, with their modification times: bin/parley.js runs the sources
// instead when one of them is newer (a developer's edit since the last build).
const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes(':'));
const sources = {};
for (const input of inputs) sources[input] = (await fs.stat(path.join(ROOT, input))).mtimeMs;

const { describeCommands } = await import(
  pathToFileURL(path.join(OUT, 'describe-commands.js')).href
);
const manifest = await describeCommands();
await fs.writeFile(
  path.join(OUT, 'commands.json'),
  `${JSON.stringify({ ...manifest, sources }, null, 1)}\n`,
);
console.log(
  `parley: built packages/app/dist from ${inputs.length} sources in ${Date.now() - started} ms`,
);
