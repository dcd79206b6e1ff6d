import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ChangeFeed } from '../../platform/events/change-feed.ts';
import { actorOf, SESSION_COOKIE, type AccessService, type Actor } from '../access/index.ts';
import { mayHear, topicOfRoute } from './domain/topics.ts';

export interface EventRouteOptions {
  /** How often a stream checks that its session or token still holds, and says it is alive (ms). */
  recheckMs?: number;
  /** Streams one actor may hold open in this instance; the oldest is closed for a new one. */
  streamsPerActor?: number;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * `GET /events`: a server-sent event stream that tells a signed-in user "something changed in
 * mechanism X, topic Y" for the mechanisms and topics the user may read, and nothing else. The
 * stream ends when the session or token no longer holds (sign-out, expiry, revocation), checked
 * every `recheckMs` and at once on a sign-out through this instance.
 */
export function createEventStreams(
  feed: ChangeFeed,
  access: AccessService,
  options: EventRouteOptions = {},
): { routes: FastifyPluginAsyncZod; install: (app: FastifyInstance) => void } {
  const recheckMs = options.recheckMs ?? 10_000;
  const perActor = options.streamsPerActor ?? 8;
  const open = new Map<string, Set<{ close: () => void; cookie: string | null }>>();

  const routes: FastifyPluginAsyncZod = async (app) => {
    app.get(
      '/events',
      {
        config: { rule: 'signed-in' },
        schema: {
          tags: ['session'],
          description:
            'A text/event-stream of `change` events, `{"mechanism":"<id>","topic":"exchange"}`, for the mechanisms and topics you may read: read again what the topic shows. No personal data. The stream ends when the session ends.',
        },
      },
      (request, reply) => {
        stream(request, reply, actorOf(request));
      },
    );
  };

  /**
   * On the whole application: each write that succeeded on a mechanism's route is told to the
   * feed, and a sign-out here ends that session's streams at once (other instances' within
   * recheckMs).
   */
  const install = (app: FastifyInstance) => {
    installChangeNotices(app, feed);
    app.addHook('onResponse', async (request, reply) => {
      if (request.method !== 'DELETE' || request.routeOptions.url !== '/api/v1/session') return;
      const cookie = request.cookies[SESSION_COOKIE];
      if (reply.statusCode >= 400 || !cookie) return;
      for (const streams of open.values())
        for (const s of [...streams]) if (s.cookie === cookie) s.close();
    });
    // Open streams would keep the server from closing.
    app.addHook('preClose', async () => {
      for (const streams of [...open.values()]) for (const s of [...streams]) s.close();
    });
  };
  return { routes, install };

  function stream(request: FastifyRequest, reply: FastifyReply, first: Actor) {
    let actor = first;
    const bearer = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
    const cookie = bearer ? null : (request.cookies[SESSION_COOKIE] ?? null);
    const again = async (): Promise<Actor | null> => {
      if (bearer) return access.actorOfToken(bearer);
      if (!cookie) return null;
      return (await access.actorOfSession(cookie))?.actor ?? null;
    };
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // A proxy (nginx) would hold the events back in its buffer.
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    const write = (text: string) => {
      if (!raw.writableEnded) raw.write(text);
    };
    // The browser reconnects after 3 s when the stream drops; `ready` tells it the stream is open.
    write('retry: 3000\nevent: ready\ndata: {}\n\n');

    const unsubscribe = feed.subscribe((change) => {
      if (mayHear(actor.grants, change))
        write(
          `event: change\ndata: ${JSON.stringify({ mechanism: change.mechanism, topic: change.topic })}\n\n`,
        );
    });
    const timer = setInterval(() => {
      again()
        .then((now) => {
          if (!now) return close();
          // Grants granted or revoked since: the stream follows them.
          actor = now;
          write(': alive\n\n');
        })
        .catch(() => close());
    }, recheckMs);
    const entry = { close, cookie };
    const mine = open.get(first.id) ?? new Set();
    open.set(first.id, mine);
    mine.add(entry);
    if (mine.size > perActor) [...mine][0]!.close();

    let isClosed = false;
    function close() {
      if (isClosed) return;
      isClosed = true;
      clearInterval(timer);
      unsubscribe();
      mine.delete(entry);
      if (mine.size === 0) open.delete(first.id);
      raw.end();
    }
    request.raw.on('close', close);
  }
}

/**
 * Tells the feed of each write that succeeded on a mechanism's route: the mechanism, the route's
 * topic and, for a party's own compartment, the party (of the route, or of the writer).
 */
function installChangeNotices(app: FastifyInstance, feed: ChangeFeed): void {
  app.addHook('onResponse', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || reply.statusCode >= 400) return;
    const topic = topicOfRoute(request.routeOptions.url ?? '');
    const params = request.params as { mechanism?: unknown; party?: unknown } | undefined;
    // The web application names a mechanism by its id; a write that named it otherwise is not told.
    const id =
      typeof params?.mechanism === 'string' && UUID.test(params.mechanism)
        ? params.mechanism.toLowerCase()
        : null;
    if (!topic || !id) return;
    const parties = new Set(
      (request.actor?.grants ?? [])
        .filter((g) => g.mechanismId === id && g.party)
        .map((g) => g.party!),
    );
    const party =
      typeof params?.party === 'string'
        ? params.party.toUpperCase()
        : parties.size === 1
          ? [...parties][0]
          : undefined;
    await feed.publish({ mechanism: id, topic, ...(party ? { party } : {}) });
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
