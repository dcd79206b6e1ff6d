import type pg from 'pg';

/**
 * What Kysely's PostgreSQL dialect asks of a pool: connect, and end. Its clients only query and
 * are released.
 */
export interface QueryPool {
  connect(): Promise<QueryClient>;
  end(): Promise<void>;
}

export interface QueryClient {
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  release(destroy?: boolean): void;
}

/** At most this many statements are prepared (named) a process, so that odd texts cannot grow it. */
const MOST_PREPARED = 2_000;
/** Longer texts (multi-row inserts of a given size, mostly) are not worth a name. */
const LONGEST_PREPARED = 8_000;

/**
 * A pg pool whose clients cost PostgreSQL and this process fewer round trips and plans; what each
 * query returns is unchanged. Under 100 readers a page of lines was seven statements, each a
 * system call here and a parse and plan there, and row-level security made planning cost more
 * than running (issue 17). So:
 * - `begin` is held back and sent with the transaction's first statement when that one has no
 *   parameters (withScope's settings), in one simple-query message; an empty transaction is
 *   never sent at all;
 * - statements with parameters are prepared once a connection, by name, so PostgreSQL keeps
 *   their parse and, where it finds a generic plan as good, their plan.
 */
export function fewerRoundTrips(pool: pg.Pool): QueryPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < MOST_PREPARED && text.length <= LONGEST_PREPARED) {
      name = `parley_${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
  const wrapped = new WeakMap<pg.PoolClient, QueryClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrapped.get(client);
      if (!wrapper) {
        wrapper = heldBackBegin(client, nameOf);
        wrapped.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

function heldBackBegin(
  client: pg.PoolClient,
  nameOf: (text: string) => string | undefined,
): QueryClient {
  let isBeginPending = false;
  const send = (text: string, values: unknown[]): Promise<pg.QueryResult> => {
    if (values.length === 0) return client.query(text);
    const name = nameOf(text);
    return client.query(name === undefined ? { text, values } : { name, text, values });
  };
  return {
    async query(text, values = []) {
      if (text === 'begin' && values.length === 0 && !isBeginPending) {
        isBeginPending = true;
        return emptyResult('BEGIN');
      }
      if (!isBeginPending) return send(text, values);
      isBeginPending = false;
      if (text === 'commit' || text === 'rollback') return emptyResult(text.toUpperCase());
      if (values.length > 0) {
        await client.query('begin');
        return send(text, values);
      }
      // Two statements in one simple-query message: pg answers with both results.
      const results = (await client.query(`begin;\n${text}`)) as unknown as pg.QueryResult[];
      return results[results.length - 1]!;
    },
    release(destroy) {
      // A connection given back mid-transaction (Kysely never does) must not carry the begin on.
      isBeginPending = false;
      client.release(destroy);
    },
  };
}

function emptyResult(command: string): pg.QueryResult {
  return { command, rowCount: null, oid: 0, fields: [], rows: [] };
}
