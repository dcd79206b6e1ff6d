import { sql, type Selectable } from 'kysely';
import type { AuditEntryTable } from '../../platform/db/schema.ts';
import { copyOutBinary, type Database } from '../../platform/db/kysely.ts';
import { canonicalDetails, type AuditEntry, type StoredEntry } from './domain/audit-entry.ts';
import { COPIED_COLUMNS } from './domain/copied-page.ts';
import type { AuditCheckpoint } from './domain/log-verdict.ts';

// One lock for every appender: each entry needs the hash of the one before it.
const AUDIT_LOCK = 727_001;

/** Takes the appenders' lock until the transaction ends and returns the last entry. */
export async function lockTail(trx: Database): Promise<{ seq: number; hash: string } | null> {
  // A literal, so that on PostgreSQL it goes out with the transaction's begin (platform/db/round-trips.ts).
  await sql`select pg_advisory_xact_lock(${sql.lit(AUDIT_LOCK)})`.execute(trx);
  const last = await trx
    .selectFrom('audit_entry')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last ? { seq: Number(last.seq), hash: last.hash } : null;
}

/** Writes entries in chain order, one statement for as many as fit (a group commit's entries at once). */
export async function insertEntries(trx: Database, entries: readonly AuditEntry[]): Promise<void> {
  for (let at = 0; at < entries.length; at += ENTRIES_PER_STATEMENT) {
    await trx
      .insertInto('audit_entry')
      .values(entries.slice(at, at + ENTRIES_PER_STATEMENT).map(toRow))
      .execute();
  }
}

// 11 parameters an entry: far below PostgreSQL's 65,535 (and PGlite's 32,767) a statement.
const ENTRIES_PER_STATEMENT = 1_000;

function toRow(entry: AuditEntry) {
  return {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    mechanism_id: entry.mechanismId,
    action: entry.action,
    object_ids: `[${entry.objectIds.map((id) => JSON.stringify(id)).join(',')}]`,
    reason: entry.reason,
    request_id: entry.requestId,
    // The canonical text, which the json column keeps as written and verification hashes as is.
    details: canonicalDetails(entry),
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

export async function findCheckpoints(db: Database): Promise<AuditCheckpoint[]> {
  const rows = await db.selectFrom('audit_checkpoint').selectAll().orderBy('seq').execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    hash: row.hash,
    signedAt: row.signed_at,
    keyId: row.key_id,
    signature: row.signature,
  }));
}

export interface EntryFilter {
  mechanismId?: string;
  actor?: string;
  action?: string;
}

/**
 * The entries in chain order, read in pages by seq so that a log of any length streams; the next
 * page is asked for before this one is handed out, so that the database and the hashing overlap.
 */
export async function* streamEntries(
  db: Database,
  filter: EntryFilter = {},
  pageSize = 10_000,
): AsyncGenerator<AuditEntry> {
  const page = (after: number) => {
    let query = db
      .selectFrom('audit_entry')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize);
    if (filter.mechanismId) query = query.where('mechanism_id', '=', filter.mechanismId);
    if (filter.actor) query = query.where('actor', '=', filter.actor);
    if (filter.action) query = query.where('action', '=', filter.action);
    return query.execute();
  };
  let rows = await page(0);
  while (rows.length > 0) {
    const last = rows[rows.length - 1];
    const next = rows.length < pageSize || !last ? Promise.resolve([]) : page(Number(last.seq));
    next.catch(() => {}); // awaited below; a consumer that stops early must not leave it unhandled
    for (const row of rows) yield toEntry(row);
    rows = await next;
  }
}

export interface EntrySearch {
  actor?: string;
  /** The action, whole. */
  action?: string;
  /** A part of the action's name, in any case: `manifest.sign` finds `exchange.manifest.sign`. */
  actionPart?: string;
  mechanismId?: string;
  object?: string;
  from?: string;
  to?: string;
  afterSeq: number;
  /** Only entries before this one: the next page when newest first. */
  beforeSeq?: number;
  newestFirst?: boolean;
  limit: number;
}

/** A page of entries matching a search, oldest first unless asked for the newest first. */
export async function searchEntries(db: Database, search: EntrySearch): Promise<AuditEntry[]> {
  let query = db
    .selectFrom('audit_entry')
    .selectAll()
    .where('seq', '>', search.afterSeq)
    .orderBy('seq', search.newestFirst ? 'desc' : 'asc')
    .limit(search.limit);
  if (search.beforeSeq !== undefined) query = query.where('seq', '<', search.beforeSeq);
  if (search.actor) query = query.where('actor', '=', search.actor);
  if (search.action) query = query.where('action', '=', search.action);
  if (search.actionPart)
    query = query.where(sql<boolean>`strpos(lower(action), lower(${search.actionPart})) > 0`);
  if (search.mechanismId) query = query.where('mechanism_id', '=', search.mechanismId);
  if (search.object) query = query.where(sql<boolean>`object_ids::jsonb ? ${search.object}`);
  if (search.from) query = query.where('at', '>=', search.from);
  if (search.to) query = query.where('at', '<', search.to);
  return (await query.execute()).map(toEntry);
}

function toEntry(row: Selectable<AuditEntryTable>): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    mechanismId: row.mechanism_id,
    action: row.action,
    objectIds: row.object_ids,
    reason: row.reason,
    requestId: row.request_id,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The chain hashes of entries first..last (seq), in order: the tree's leaves. */
export async function entryHashes(db: Database, first: number, last: number): Promise<string[]> {
  if (last < first) return [];
  const rows = await db
    .selectFrom('audit_entry')
    .select(['seq', 'hash'])
    .where('seq', '>=', first)
    .where('seq', '<=', last)
    .orderBy('seq')
    .execute();
  return rows.map((row) => row.hash);
}

/** The entries first..last (seq) as stored, their JSON fields as text. */
export async function storedEntries(
  db: Database,
  first: number,
  last: number,
): Promise<StoredEntry[]> {
  if (last < first) return [];
  const rows = await db
    .selectFrom('audit_entry')
    .select([
      'seq',
      'at',
      'actor',
      'mechanism_id',
      'action',
      'reason',
      'request_id',
      'prev_hash',
      'hash',
      sql<string>`object_ids::text`.as('object_ids_text'),
      sql<string>`details::text`.as('details_text'),
    ])
    .where('seq', '>=', first)
    .where('seq', '<=', last)
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    mechanismId: row.mechanism_id,
    action: row.action,
    reason: row.reason,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
    objectIdsText: row.object_ids_text,
    detailsText: row.details_text,
  }));
}

/** The highest seq in the log (0 when empty), without the appenders' lock. */
export async function lastSeq(db: Database): Promise<number> {
  const row = await db
    .selectFrom('audit_entry')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/**
 * An entry's canonical form, built by the database from the stored fields as the application
 * builds it: text fields through to_json (which escapes as JSON.stringify does), the JSON fields
 * as stored. Functions are named in pg_catalog, so that no function of the log's own schema
 * stands in for them.
 */
const json = (column: string) => sql`pg_catalog.to_json(${sql.ref(column)})::text`;
const nullable = (column: string) =>
  sql`coalesce(pg_catalog.to_json(${sql.ref(column)}::text)::text, 'null')`;
const CANONICAL = sql`pg_catalog.concat(
  '{"action":', ${json('action')}, ',"actor":', ${json('actor')}, ',"at":', ${json('at')},
  ',"details":', details, ',"mechanismId":', ${nullable('mechanism_id')},
  ',"objectIds":', object_ids, ',"prevHash":', ${json('prev_hash')},
  ',"reason":', ${nullable('reason')}, ',"requestId":', ${nullable('request_id')},
  ',"seq":', seq, '}')`;

/** An entry as verification reads it from PostgreSQL: seq, prev_hash, hash, its canonical form. */
export type CanonicalRow = [seq: number, prevHash: string, hash: string, canonical: string];

/**
 * The entries first..last with their canonical forms, a row each: what PostgreSQL, in its own
 * process, sends at the least cost to this one (node-postgres decodes rows natively; one packed
 * text a page measured more CPU here, 25.6 s against 19.4 s for a million entries).
 */
export async function canonicalRows(
  db: Database,
  first: number,
  last: number,
): Promise<CanonicalRow[]> {
  const { rows } = await sql<{ seq: string; prev_hash: string; hash: string; canonical: string }>`
    select seq, prev_hash, hash, ${CANONICAL} as canonical
    from audit_entry where seq between ${first} and ${last} order by seq`.execute(db);
  return rows.map((row) => [Number(row.seq), row.prev_hash, row.hash, row.canonical]);
}

/**
 * An entry as the database checked it: seq, prev_hash, hash, and whether the hash is the SHA-256
 * of the canonical form the database built from the row's fields; the last place is for what the
 * entry was, filled in only for an entry that does not hold.
 */
export type CheckedRow = [
  seq: number,
  prevHash: string,
  hash: string,
  isIntact: boolean,
  description: string | null,
];

/**
 * The entries first..last, each hashed by the database from its own fields (the canonical form
 * above, through pg_catalog.sha256): what verification needs of a million entries without the
 * 1.6 GB of their canonical forms crossing to this process and being decoded and hashed here.
 * The database builds that form on every read, so a changed field changes the hash it finds;
 * nothing stored beside the fields is trusted. Pages read at once go to separate connections,
 * and so to PostgreSQL backends on every core.
 */
export async function checkedRows(
  db: Database,
  first: number,
  last: number,
): Promise<CheckedRow[]> {
  const { rows } = await sql<{ seq: string; prev_hash: string; hash: string; intact: boolean }>`
    select seq, prev_hash, hash,
      pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(${CANONICAL}, 'UTF8')), 'hex')
        operator(pg_catalog.=) hash as intact
    from audit_entry where seq between ${first} and ${last} order by seq`.execute(db);
  return rows.map((row) => [Number(row.seq), row.prev_hash, row.hash, row.intact === true, null]);
}

/**
 * The entries first..last as PGlite copies them out in binary (domain/copied-page.ts): a row per
 * entry of its stored fields as bytes, which worker threads turn into canonical forms and hash.
 * PGlite only reads and sends them, in this thread: no canonical form built in its WebAssembly,
 * and no field decoded to a string by its protocol parser.
 */
export async function copiedPage(db: Database, first: number, last: number): Promise<Uint8Array> {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last))
    throw new Error(`a page runs between whole seqs, not ${first}..${last}`);
  const columns = COPIED_COLUMNS.map((column) =>
    column === 'mechanism_id' ? sql`mechanism_id::pg_catalog.text` : sql.ref(column),
  );
  const { sql: query } = sql`
    select ${sql.join(columns)} from audit_entry
    where seq between ${sql.lit(first)} and ${sql.lit(last)} order by seq`.compile(db);
  return copyOutBinary(db, query);
}
