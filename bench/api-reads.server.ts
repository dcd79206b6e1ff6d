/**
 * The server the API reads benchmark drives, in a process of its own so that its resident set
 * and its CPU profile (`PARLEY_BENCH_CPU_PROF=1`) are its own: the application as `parley serve`
 * builds it, on the PostgreSQL database in PARLEY_BENCH_DATABASE_URL (already migrated and
 * filled), with the deployment key in PARLEY_BENCH_KEYS_DIR, with the rate limit off. It logs as `parley serve` does (pino at `info`, here into
 * /dev/null) and prints one JSON line: the port. SIGTERM closes it, and it writes the request ids of the
 * reads of lines it answered with 2xx to PARLEY_BENCH_ANSWERED_FILE.
 */
import fs from 'node:fs/promises';
import pino from 'pino';
import { buildApp } from '../packages/app/src/app.ts';
import { loadDeploymentKeys } from '../packages/app/src/platform/crypto/deployment-keys.ts';
import { loadConfig } from '../packages/app/src/platform/config.ts';
import { openDatabase } from '../packages/app/src/platform/db/kysely.ts';
import { buildServices } from '../packages/app/src/services.ts';

const url = process.env.PARLEY_BENCH_DATABASE_URL;
const keysDir = process.env.PARLEY_BENCH_KEYS_DIR;
const answeredFile = process.env.PARLEY_BENCH_ANSWERED_FILE;
if (!url || !keysDir || !answeredFile)
  throw new Error('PARLEY_BENCH_DATABASE_URL, _KEYS_DIR and _ANSWERED_FILE must be set');
const level = (process.env.PARLEY_BENCH_LOG_LEVEL ?? 'info') as pino.Level;

const database = await openDatabase({ kind: 'postgres', url });
const services = buildServices({
  db: database.db,
  keys: await loadDeploymentKeys(keysDir),
  // PARLEY_PAGE_CACHE_MIB as `parley serve` reads it (0: no page kept in memory).
  pageCacheBytes: loadConfig(process.env).pageCacheBytes,
});
const app = await buildApp({
  services,
  maxUploadBytes: 1024 * 1024,
  rateLimitPerMinute: 0,
  logger: pino({ level }, pino.destination({ dest: '/dev/null', sync: false })),
});
// The request ids of the reads of lines answered with 2xx, to find in the audit log at the end.
const answered: string[] = [];
app.addHook('onResponse', async (request, reply) => {
  if (reply.statusCode < 300 && request.routeOptions.url?.endsWith('/lines'))
    answered.push(request.id);
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => database.close())
    .then(() => fs.writeFile(answeredFile, JSON.stringify(answered)))
    .then(() => process.exit(0));
});
