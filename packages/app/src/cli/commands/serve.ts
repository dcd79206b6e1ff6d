import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import pino from 'pino';
import { buildApp } from '../../app.ts';
import { postgresChangeFeed } from '../../platform/events/change-feed.ts';
import { withContext, type CliEnvironment } from '../context.ts';
import type { Output } from '../output.ts';
import { createDemoAccountsAndReport } from './demo-accounts.ts';
import { loadDemoAndReport, playDemoStoryAndReport } from './demo.ts';

const TREE_HEAD_INTERVAL_MS = 5 * 60 * 1000;
// packages/web/dist, from this source file or from the chunk of packages/app/dist built from it.
const WEB_ROOT = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.ts') ? '../../../../web/dist' : '../../web/dist',
    import.meta.url,
  ),
);

export function registerServeCommand(
  program: Command,
  env: CliEnvironment,
  output: () => Output,
): void {
  program
    .command('serve')
    .description('start the HTTP server (API at /api/v1, OpenAPI at /docs); migrations run first')
    .option(
      '--demo',
      'load the demo mechanism first, in the middle of an exchange, unless it is already there',
    )
    .option(
      '--demo-from-start',
      'with --demo: load only the two lists and the agreement, before any step is taken',
    )
    .action(async (options: { demo?: boolean; demoFromStart?: boolean }) => {
      const out = output();
      await withContext(
        env,
        out,
        async (context) => {
          if (options.demo) {
            const underWay = !options.demoFromStart;
            const demo = await loadDemoAndReport(context, {
              seed: 2025,
              size: 500,
              bothDirections: underWay,
            });
            await createDemoAccountsAndReport(context, demo);
            if (underWay && demo.created) await playDemoStoryAndReport(context, demo.mechanism);
          }
          const firstAdmin = await context.services.access.ensureFirstAdmin();
          if (firstAdmin) {
            out.note(
              `First start: created the user "${firstAdmin.username}" with the one-time password ${firstAdmin.password}\n` +
                'It is shown only now; sign in with it, choose a new password and add an authenticator (asked at the first sign-in; or parley user enrol admin).',
            );
          }
          const logger = pino({ level: env.config.logLevel });
          // Instances on one PostgreSQL tell each other of changes for the pages' live updates.
          const changes =
            env.config.database.kind === 'postgres'
              ? await postgresChangeFeed(env.config.database.url, {
                  onError: (error) => logger.warn({ err: error }, 'change feed: connecting again'),
                })
              : undefined;
          const app = await buildApp({
            services: context.services,
            maxUploadBytes: env.config.maxUploadBytes,
            listFileLimits: env.config.listFileLimits,
            trustProxy: env.config.trustProxy,
            rateLimitPerMinute: env.config.rateLimitPerMinute,
            signInPerMinute: env.config.signInPerMinute,
            // Several instances can share PostgreSQL (docs/deployment.md); PGlite has one process.
            sharedRateLimits: env.config.database.kind === 'postgres',
            webRoot: env.config.webRoot ?? path.resolve(WEB_ROOT),
            logger,
            ...(changes ? { changes } : {}),
          });
          const address = await app.listen({ port: env.config.port, host: env.config.host });
          const resumed = await context.services.reconciliation.resumeInterrupted();
          if (resumed > 0)
            out.note(`Started again ${resumed} reconciliation(s) that a stop had interrupted`);
          // Instances on one PostgreSQL take over the jobs of one that stopped, once its lease ran out.
          context.services.jobs.startPolling();
          out.note(
            `Parley is listening on ${address.replace('127.0.0.1', 'localhost')} (API docs at ${address}/docs)`,
          );
          // A head at once over what the log holds, so that witnesses have one from the start.
          await context.services.audit
            .signHead()
            .catch((error: unknown) => app.log.error({ err: error }, 'audit tree head refused'));
          // A tree head every few minutes, not only every N entries, so that witnesses see recent
          // entries; a head is refused (and logged) if the log since the last one does not hold.
          const heads = setInterval(() => {
            context.services.audit
              .signHead()
              .catch((error: unknown) => app.log.error({ err: error }, 'audit tree head refused'));
          }, TREE_HEAD_INTERVAL_MS);
          await new Promise<void>((resolve) => {
            const stop = () => {
              clearInterval(heads);
              void context.services.jobs.stop();
              void app
                .close()
                .then(() => changes?.close())
                .then(() => resolve());
            };
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
          });
        },
        // The server tells of its changes itself, as they are made.
        { tellsServers: false },
      );
    });
}
