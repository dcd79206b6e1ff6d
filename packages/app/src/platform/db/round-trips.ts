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

/**
 * A statement whose text begins with this comment is never prepared by name, so PostgreSQL plans
 * it for its own values each time (scope.ts, plannedEachTime). For statements whose best plan
 * depends on their values: a search's patterns decide which trigram index narrows the lines, and
 * a generic plan, which PostgreSQL may choose for a named statement after its fifth run, cannot
 * see them (issue 17: 14 ms of PostgreSQL's CPU a search with generic plans, 6.6 without).
 */
export const PLANNED_EACH_TIME = '/* planned each time */';

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
 *   their parse and, where it finds a generic plan as good, their plan (except those marked to
 *   be planned each time, PLANNED_EACH_TIME).
 */
export function fewerRoundTrips(pool: pg.Pool): QueryPool {
  return { connect: connectVia(pool), end: () => pool.end() };
}

function connectVia(pool: pg.Pool): () => Promise<QueryClient> {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    if (text.startsWith(PLANNED_EACH_TIME)) return undefined;
    let name = names.get(text);
    if (name === undefined && names.size < MOST_PREPARED && text.length <= LONGEST_PREPARED) {
      name = `parley_${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
  const wrapped = new WeakMap<pg.PoolClient, QueryClient>();
  return async () => {
    const client = await pool.connect();
    let wrapper = wrapped.get(client);
    if (!wrapper) {
      wrapper = heldBackBegin(client, nameOf);
      wrapped.set(client, wrapper);
    }
    return wrapper;
  };
}

/** Reads rows under row-scope settings in one message; null when the query cannot be sent so. */
export type OneMessageRead = (
  settings: Readonly<Record<string, string>>,
  text: string,
  values: readonly unknown[],
) => Promise<unknown[] | null>;

/**
 * One read under a row scope in one message and one round trip: the settings, then the
 * statement, prepared once a connection (SQL PREPARE, so PostgreSQL keeps its plan) and executed
 * with its values written as literals. The statements of one simple-query message are one
 * implicit transaction, so the settings hold for the read and end with it, and a failure leaves
 * nothing behind. Only for values that need no quoting (numbers, ids, codes) and statements
 * without literals of their own; otherwise null, and the caller reads as usual. The role is
 * set in the same message: the connection may not have been Kysely's yet.
 */
export function oneMessageReads(pool: pg.Pool, role: string): OneMessageRead {
  const names = new Map<string, string>();
  const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();
  return async (settings, text, values) => {
    const literals = values.map(literalOf);
    const entries = Object.entries(settings);
    if (
      literals.some((literal) => literal === null) ||
      entries.some(([name, value]) => !PLAIN.test(name) || !PLAIN.test(value)) ||
      /['$;]/.test(text.replace(/\$\d+/g, ''))
    )
      return null;
    let name = names.get(text);
    if (name === undefined) {
      if (names.size >= MOST_PREPARED) return null;
      name = `parley_read_${names.size + 1}`;
      names.set(text, name);
    }
    const client = await pool.connect();
    let prepared = preparedOn.get(client);
    if (!prepared) preparedOn.set(client, (prepared = new Set()));
    const message = [
      `set role ${role}`,
      ...(prepared.has(name) ? [] : [`prepare ${name} as ${text}`]),
      `select ${entries.map(([key, value]) => `set_config('parley.${key}', '${value}', true)`).join(', ') || '1'}`,
      `execute ${name}${literals.length ? `(${literals.join(', ')})` : ''}`,
    ].join(';\n');
    try {
      const results = (await client.query(message)) as unknown as pg.QueryResult[];
      prepared.add(name);
      client.release();
      return results[results.length - 1]!.rows as unknown[];
    } catch (error) {
      // Whatever the message left behind (a statement prepared or not) goes with the connection.
      client.release(true);
      throw error;
    }
  };
}

/** Text that needs no quoting in a literal: letters, digits and the marks of ids and arrays. */
const PLAIN = /^[\w{}:,.-]*$/;

function literalOf(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'string') return PLAIN.test(value) ? `'${value}'` : null;
  return null;
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
