import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Database } from '../db/kysely.ts';

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];

/**
 * A route's rate limit that holds across every server instance on one database: set
 * `rateLimit: { max, timeWindow, acrossInstances: true }` in its config, and build the store
 * with the database (a server on PostgreSQL; without it, or on the one-process PGlite, every
 * limit counts in this process). Sign-in is one: a
 * password guesser spread over instances behind a proxy gets no more attempts than one instance
 * gives. Counted in PostgreSQL (migration 0019), a fixed window a key; one upsert a request, so
 * only low-volume routes use it. Other limits, the global one among them, count in this process
 * (with N instances a client gets up to N times the limit; the proxy limits them across
 * instances, docs/deployment.md), since a write per request would cost every read its share.
 */
export function rateLimitStore(db: Database | null): FastifyRateLimitStoreCtor {
  return class MemoryOrDatabaseStore implements FastifyRateLimitStore {
    private readonly windows = new Map<string, { hits: number; endsAt: number }>();

    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now();
      let window = this.windows.get(key);
      if (!window || window.endsAt <= now) {
        if (this.windows.size >= MEMORY_KEYS) this.forgetEnded(now);
        window = { hits: 0, endsAt: now + timeWindow };
        this.windows.set(key, window);
      }
      window.hits++;
      callback(null, { current: window.hits, ttl: window.endsAt - now });
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const options = routeOptions as typeof routeOptions & {
        acrossInstances?: boolean;
        routeInfo?: { method?: string | string[]; url?: string };
      };
      if (!options.acrossInstances || !db) return new MemoryOrDatabaseStore();
      const route = `${String(options.routeInfo?.method ?? '')} ${options.routeInfo?.url ?? ''}`;
      return databaseStore(db, route);
    }

    private forgetEnded(now: number): void {
      for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    }
  };
}

/** Keys a process counts at most before it forgets the windows that ended (an address flood). */
const MEMORY_KEYS = 100_000;

function databaseStore(db: Database, route: string): FastifyRateLimitStore {
  return {
    incr(key, callback, timeWindow) {
      const window = sql.lit(`${Math.max(1, Math.trunc(timeWindow))} milliseconds`);
      sql<{ hits: number; ttl: number }>`
        insert into rate_limit_window as w (key, window_start, hits)
        values (${`${route} ${key}`}, now(), 1)
        on conflict (key) do update set
          hits = case when w.window_start + ${window}::interval <= now() then 1 else w.hits + 1 end,
          window_start = case when w.window_start + ${window}::interval <= now()
                              then now() else w.window_start end
        returning hits,
          (extract(epoch from (window_start + ${window}::interval - now())) * 1000)::float8 as ttl`
        .execute(db)
        .then(
          ({ rows }) => callback(null, { current: rows[0]?.hits ?? 1, ttl: rows[0]?.ttl ?? 0 }),
          (error: Error) => callback(error),
        );
    },
    child() {
      return this;
    },
  };
}
