import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type { Database } from '../db/kysely.ts';
import pg from 'pg';

/**
 * What changed, and no more: a mechanism and the part of it (a topic), and for a party's own
 * compartment its party. Never a person, a name or an id of a row: a stream carries only the hint
 * to read again, and the reading goes through the permission table as every read does.
 */
export interface Change {
  mechanism: string;
  topic: string;
  party?: string;
}

/** Changes told to every server instance on one database, each telling its own listeners. */
export interface ChangeFeed {
  /** Tells every instance (this one included) of a change; never throws for a listener's fault. */
  publish(change: Change): Promise<void>;
  /** Calls the listener with each change until the returned function is called. */
  subscribe(listener: (change: Change) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'parley_changes';
const WELL_FORMED = /^[\w:-]{1,100}$/;

/** A change read back from a notification; anything else is dropped, not passed on. */
export function changeOf(payload: string | undefined): Change | null {
  try {
    const value = JSON.parse(payload ?? '') as Partial<Change>;
    if (typeof value.mechanism !== 'string' || !WELL_FORMED.test(value.mechanism)) return null;
    if (typeof value.topic !== 'string' || !WELL_FORMED.test(value.topic)) return null;
    if (
      value.party !== undefined &&
      (typeof value.party !== 'string' || !WELL_FORMED.test(value.party))
    )
      return null;
    return {
      mechanism: value.mechanism,
      topic: value.topic,
      ...(value.party ? { party: value.party } : {}),
    };
  } catch {
    return null;
  }
}

function listeners() {
  const emitter = new EventEmitter();
  // One listener per open stream: hundreds are expected, not a leak.
  emitter.setMaxListeners(0);
  return {
    emit: (change: Change) => emitter.emit('change', change),
    subscribe: (listener: (change: Change) => void) => {
      emitter.on('change', listener);
      return () => void emitter.off('change', listener);
    },
    clear: () => emitter.removeAllListeners(),
  };
}

/** The feed of one process (PGlite, which one process alone opens): changes go to its own listeners. */
export function inProcessChangeFeed(): ChangeFeed {
  const local = listeners();
  return {
    publish: (change) => {
      local.emit(change);
      return Promise.resolve();
    },
    subscribe: local.subscribe,
    close: () => {
      local.clear();
      return Promise.resolve();
    },
  };
}

export interface PostgresFeedOptions {
  /** Told when the connection fails; the feed connects again by itself. */
  onError?: (error: unknown) => void;
  /** How long to wait before connecting again (ms). */
  reconnectMs?: number;
}

/**
 * The feed of instances sharing one PostgreSQL: NOTIFY on a channel, which every instance LISTENs
 * to on a connection of its own (kept open, and opened again when it drops). A change published
 * here comes back through the database like any other instance's, so each is told once.
 */
export async function postgresChangeFeed(
  url: string,
  options: PostgresFeedOptions = {},
): Promise<ChangeFeed> {
  const local = listeners();
  const onError = options.onError ?? (() => {});
  let client: pg.Client | null = null;
  let isClosed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      const change = message.channel === CHANNEL ? changeOf(message.payload) : null;
      if (change) local.emit(change);
    });
    const reconnect = (error: unknown) => {
      if (client !== next) return;
      client = null;
      onError(error);
      next.removeAllListeners('end');
      void next.end().catch(() => {});
      if (!isClosed)
        retry = setTimeout(() => void connect().catch(reconnect), options.reconnectMs ?? 2000);
    };
    next.on('error', reconnect);
    next.on('end', () => reconnect(new Error('the connection that listens for changes ended')));
    client = next;
    await next.connect();
    await next.query(`listen ${CHANNEL}`);
  };
  await connect();

  return {
    async publish(change) {
      // Sent on the listening connection: no pool connection (and no transaction) is held for it.
      const sender = client;
      if (!sender) return;
      await sender
        .query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(change)])
        .catch(onError);
    },
    subscribe: local.subscribe,
    async close() {
      isClosed = true;
      clearTimeout(retry);
      local.clear();
      const open = client;
      client = null;
      if (open) {
        open.removeAllListeners('end');
        await open.end().catch(() => {});
      }
    },
  };
}

/**
 * A feed that only tells, through a database it does not listen on: the command line on
 * PostgreSQL, whose changes reach every server instance that LISTENs there. (An embedded PGlite
 * has one process, the server's or the command line's, so there is no other to tell.)
 */
export function notifyingChangeFeed(db: Database): Pick<ChangeFeed, 'publish'> {
  return {
    async publish(change) {
      await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(change)})`.execute(db);
    },
  };
}
