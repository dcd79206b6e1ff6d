import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accessAdminRoutes, accessRoutes, installAuthentication } from './modules/access/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { dashboardRoutes } from './modules/dashboard/index.ts';
import { createEventStreams, inboxRoutes, type EventRouteOptions } from './modules/inbox/index.ts';
import {
  dataProtectionRoutes,
  familyStatusRoutes,
  figuresRoutes,
  inquiryRoutes,
  samePersonRoutes,
} from './modules/inquiries/index.ts';
import { mechanismRoutes } from './modules/mechanisms/index.ts';
import { registryRoutes } from './modules/registry/index.ts';
import { agreementRoutes } from './modules/agreements/index.ts';
import { outcomeListRoutes, reconciliationRoutes } from './modules/reconciliation/index.ts';
import {
  exchangeRoutes,
  receiptRoutes,
  remainsRoutes,
  signingKeyRoutes,
} from './modules/exchanges/index.ts';
import { retentionRoutes } from './modules/retention/index.ts';
import { ceasefireRoutes, documentRoutes, talksRoutes } from './modules/talks/index.ts';
import type { Services } from './services.ts';
import type { ListFileLimits } from './platform/config.ts';
import { inProcessChangeFeed, type ChangeFeed } from './platform/events/change-feed.ts';
import { installErrorHandler } from './platform/http/error-handler.ts';
import { rateLimitStore } from './platform/http/rate-limit-store.ts';
import { installInputHygiene } from './platform/http/input-hygiene.ts';
import { webRoutes } from './platform/http/web.ts';

export interface AppDeps {
  services: Services;
  maxUploadBytes: number;
  /** What a list file may hold beyond its size; the defaults of platform/config.ts when absent. */
  listFileLimits?: ListFileLimits;
  /** Believe a reverse proxy's X-Forwarded-* headers (it terminates TLS). */
  trustProxy?: boolean;
  /** The built web application, served at /; absent in API-only tests. */
  webRoot?: string;
  /** Requests per minute per client address on every route; 0 or absent: only sign-in is limited. */
  rateLimitPerMinute?: number;
  /**
   * Count sign-in attempts in the database, so that the limit holds across server instances on
   * one PostgreSQL (`parley serve` on PostgreSQL); otherwise every limit counts in this process.
   */
  sharedRateLimits?: boolean;
  /** Sign-in attempts per minute per client address (10 when absent). */
  signInPerMinute?: number;
  /**
   * Where changes are told to every instance (PostgreSQL's LISTEN/NOTIFY when instances share
   * one); absent: this process's own, which the application closes with itself.
   */
  changes?: ChangeFeed;
  /** How the event streams (`GET /api/v1/events`) check their session; tests shorten it. */
  events?: EventRouteOptions;
  /** The server's logger (pino); tests run without one. */
  logger?: FastifyBaseLogger;
}

/** Builds the HTTP application; it never listens, so tests call `app.inject()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    // The id that the logs and the audit log carry: the server's own, or a trusted proxy's.
    requestIdHeader: false,
    genReqId: (request) => requestIdOf(request.headers['x-request-id'], Boolean(deps.trustProxy)),
    bodyLimit: 1024 * 1024,
    trustProxy: Boolean(deps.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(fastifyHelmet, {
    // Scripts from the server's own files only, everywhere (the API docs included). Styles may be
    // inline: the web application's components set them on elements.
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
      },
    },
  });
  await app.register(fastifyCookie);
  // Every route has the global limit; sign-in has its own, much lower one (access.routes.ts).
  await app.register(fastifyRateLimit, {
    // Sign-in's limit holds across instances (counted in the database); the global one per process.
    store: deps.sharedRateLimits ? deps.services.rateLimits : rateLimitStore(null),
    global: Boolean(deps.rateLimitPerMinute),
    max: deps.rateLimitPerMinute || 1,
    timeWindow: '1 minute',
  });
  installAuthentication(app, deps.services.access);
  installInputHygiene(app);
  const changes = deps.changes ?? inProcessChangeFeed();
  if (!deps.changes) app.addHook('onClose', () => changes.close());
  // What background jobs change reaches the pages as a route's writes do.
  const disconnect = deps.services.changes.connect(changes);
  app.addHook('onClose', async () => disconnect());
  const events = createEventStreams(changes, deps.services.access, deps.events);
  events.install(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyMultipart, {
    limits: { fileSize: deps.maxUploadBytes + 1, files: 1, fields: 10 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parley API',
        version: '1',
        description: 'Lists, versions and their lines for mediated exchanges.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.get(
    '/health',
    {
      config: { rule: 'public' },
      schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    () => ({ status: 'ok' as const }),
  );
  await app.register(
    async (api) => {
      await api.register(
        accessRoutes(deps.services.access, { signInPerMinute: deps.signInPerMinute ?? 10 }),
      );
      await api.register(accessAdminRoutes(deps.services.access));
      await api.register(
        auditRoutes(deps.services.audit, {
          actors: (ids) => deps.services.access.actorNames(ids),
          mechanisms: async (reader) =>
            new Map((await deps.services.mechanisms.list(reader)).map((m) => [m.id, m.name])),
        }),
      );
      await api.register(mechanismRoutes(deps.services.mechanisms));
      await api.register(dashboardRoutes(deps.services.dashboard));
      await api.register(inboxRoutes(deps.services.inbox));
      await api.register(events.routes);
      await api.register(
        registryRoutes(deps.services.registry, {
          maxUploadBytes: deps.maxUploadBytes,
          ...(deps.listFileLimits ? { listFileLimits: deps.listFileLimits } : {}),
        }),
      );
      await api.register(
        reconciliationRoutes(deps.services.reconciliation, (ids) =>
          deps.services.access.actorNames(ids),
        ),
      );
      await api.register(outcomeListRoutes(deps.services.outcomeLists));
      await api.register(exchangeRoutes(deps.services.exchanges));
      await api.register(
        remainsRoutes(deps.services.remains, {
          maxUploadBytes: deps.maxUploadBytes,
          ...(deps.listFileLimits ? { listFileLimits: deps.listFileLimits } : {}),
        }),
      );
      await api.register(agreementRoutes(deps.services.agreements, deps.services.eligibility));
      await api.register(receiptRoutes(deps.services.receipts));
      await api.register(signingKeyRoutes(deps.services.signingKeys));
      await api.register(retentionRoutes(deps.services.retention));
      await api.register(talksRoutes(deps.services.talks));
      await api.register(documentRoutes(deps.services.documents));
      await api.register(ceasefireRoutes(deps.services.ceasefires));
      await api.register(inquiryRoutes(deps.services.inquiries));
      await api.register(samePersonRoutes(deps.services.samePersonReview));
      await api.register(dataProtectionRoutes(deps.services.inquiryDataProtection));
      await api.register(figuresRoutes(deps.services.inquiryFigures));
      // The family's status page is guessed at like a password: sign-in's limit holds for it too.
      await api.register(
        familyStatusRoutes(deps.services.familyStatus, {
          viewsPerMinute: deps.signInPerMinute ?? 10,
        }),
      );
    },
    { prefix: '/api/v1' },
  );
  if (deps.webRoot) await app.register(webRoutes(deps.webRoot));
  return app;
}

// A proxy's request id (nginx's $request_id, a UUID): letters, digits and - _ . only, 8 to 64 of them.
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{7,63}$/;

/**
 * The id of a request: the one a trusted reverse proxy sent, when it is well formed; otherwise a
 * new UUID. A client never chooses what the logs and the audit log record as its request id.
 */
export function requestIdOf(
  sent: string | string[] | undefined,
  isFromTrustedProxy: boolean,
): string {
  return isFromTrustedProxy && typeof sent === 'string' && WELL_FORMED_REQUEST_ID.test(sent)
    ? sent
    : crypto.randomUUID();
}
