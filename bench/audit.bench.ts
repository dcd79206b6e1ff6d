/**
 * The audit benchmark (DESIGN.md, "Performance budgets": verify an audit log of 1,000,000
 * entries in ≤ 10 s). It builds a realistic log of 1,000,000 hash-chained entries with a signed
 * checkpoint every 1,000 (building is not timed against the budget), in PostgreSQL and in PGlite,
 * then times the audit service's `verify()` end to end, and a second verify after one entry near
 * the end was changed behind the log's back. A breakdown pass tells where verify's time goes.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import { createAuditLog, type AuditEvent } from '../packages/app/src/modules/audit/index.ts';
// Below the audit module's public surface: the bench writes the log in bulk, as only the
// service's appender otherwise does, and splits verify's work into its parts.
import { streamEntries } from '../packages/app/src/modules/audit/audit.repository.ts';
import {
  canonicalDetails,
  sealEntry,
  type AuditEntry,
} from '../packages/app/src/modules/audit/domain/audit-entry.ts';
import {
  checkpointMessage,
  type AuditCheckpoint,
  type ChainVerdict,
} from '../packages/app/src/modules/audit/domain/chain-verifier.ts';
import {
  ephemeralDeploymentKeys,
  type DeploymentKeys,
} from '../packages/app/src/platform/crypto/deployment-keys.ts';
import { type Database, type OpenDatabase } from '../packages/app/src/platform/db/kysely.ts';
import { writeResult } from './machine.ts';
import { formatRows, mib, onEachDatabase, round, sampleRss, withTempDir } from './support.ts';

/** The budget's log; PARLEY_BENCH_AUDIT_ENTRIES makes a smaller one for a quick try (no verdict). */
const BUDGET_ENTRIES = 1_000_000;
const ENTRIES = Number(process.env.PARLEY_BENCH_AUDIT_ENTRIES ?? BUDGET_ENTRIES);
/** As the audit service's default: a signed checkpoint after every 1,000 entries. */
const CHECKPOINT_EVERY = 1_000;
const CHECKPOINTS = Math.floor(ENTRIES / CHECKPOINT_EVERY);
/** Entries per bulk insert: one JSON parameter each (PGlite fails statements over 32,767 parameters). */
const INSERT_BATCH = 10_000;
/** The page size of the audit repository's `streamEntries`, which verify reads through. */
const PAGE_SIZE = 10_000;
const SEED = 20_261_125;
/** Changed for the second verify: near the end, and not at a checkpoint. */
const TAMPER_SEQ = ENTRIES - 7;
/** DESIGN.md: verify an audit log of 1,000,000 entries in ≤ 10 s (no database named: both). */
const BUDGET_SECONDS = 10;

type Target = 'postgres' | 'pglite';

export interface AuditFigure {
  database: Target;
  build: BuildFigures | null;
  /** The timed `createAuditLog(...).verify()` over the intact log. */
  verify: VerifyFigures | null;
  /** A second verify after entry TAMPER_SEQ was changed with the triggers off. */
  tamperedVerify: TamperedFigures | null;
  /** A separate pass over the same log, timing verify's parts one by one. */
  breakdown: Breakdown | null;
  budgetSeconds: number;
  withinBudget: boolean | null;
  /** null unless the build, a verify or a check failed; it then says why. */
  error: string | null;
}

interface BuildFigures {
  /** Generating, sealing, signing and inserting every entry and checkpoint, then VACUUM ANALYZE. */
  seconds: number;
  /** Of which the JavaScript side: generating events, sealEntry (hashing), signing, JSON.stringify. */
  generateSeconds: number;
  vacuumSeconds: number;
  entries: number;
  checkpoints: number;
  /** The average size of an entry as the JSON row sent to the database. */
  averageEntryBytes: number;
  /** audit_entry with its indexes and TOAST, as the database reports it. */
  tableMiB: number;
  lastHash: string;
}

interface VerifyFigures {
  seconds: number;
  entriesPerSecond: number;
  peakRssMiB: number;
  rssBeforeMiB: number;
  verdict: ChainVerdict;
}

interface TamperedFigures {
  seq: number;
  seconds: number;
  peakRssMiB: number;
  expectedProblem: string;
  verdict: ChainVerdict;
  namedTheEntry: boolean;
}

/**
 * Where verify's time goes, each part measured on its own pass over the whole log:
 * - serverSeconds: the database reading the same pages and producing their jsonb as text,
 *   without sending rows (`select count(*), sum(octet_length(...)) from (<page>)`);
 * - fetchTextSeconds: the same pages through Kysely and the driver with the jsonb columns cast
 *   to text, so that the driver parses no JSON;
 * - fetchSeconds: the repository's `streamEntries` as verify uses it (driver JSON.parse, row
 *   mapping, one async-generator step per entry), hashing nothing;
 * - canonicalSeconds, sha256Seconds: `hashEntry`'s two halves (RFC 8785 canonical JSON, then
 *   SHA-256 in hex) over every entry, timed page by page;
 * - verifierRestSeconds: verify's seconds minus fetch, canonical and SHA-256: the chain walk
 *   itself, the checkpoints' signatures, and what one pass costs more than another.
 */
interface Breakdown {
  serverSeconds: number;
  fetchTextSeconds: number;
  fetchSeconds: number;
  driverJsonParseSecondsEstimate: number;
  canonicalSeconds: number;
  sha256Seconds: number;
  verifierRestSeconds: number;
  /** What was read, as the database's text form of the rows (jsonb as text). */
  rowTextMiB: number;
}

export async function runAuditBenchmark(): Promise<void> {
  if (!Number.isSafeInteger(ENTRIES) || ENTRIES < 10) {
    throw new Error(`PARLEY_BENCH_AUDIT_ENTRIES must be a whole number ≥ 10, not ${ENTRIES}`);
  }
  await withTempDir('parley-bench-audit-', async (tmp) => {
    const { results: figures, postgres } = await onEachDatabase(
      tmp,
      [benchOne],
      'skipped; running PGlite only',
    );

    printTable(figures);
    printBreakdowns(figures);
    const measured = figures.filter((f) => f.withinBudget !== null);
    const withinBudget = measured.length === 0 ? null : measured.every((f) => f.withinBudget);
    console.log(
      withinBudget === null
        ? `within budget: not known (${ENTRIES === BUDGET_ENTRIES ? 'no verify completed' : `the budget is for ${BUDGET_ENTRIES.toLocaleString('en')} entries`})`
        : `within budget: ${withinBudget ? 'yes' : 'NO'} (≤ ${BUDGET_SECONDS} s for 1,000,000 entries, every database measured)`,
    );
    await writeResult(
      'audit',
      {
        entries: ENTRIES,
        checkpointEvery: CHECKPOINT_EVERY,
        insertBatch: INSERT_BATCH,
        pageSize: PAGE_SIZE,
        seed: SEED,
        tamperSeq: TAMPER_SEQ,
        postgres,
        runs: figures,
      },
      {
        budgets: {
          verify: `≤ ${BUDGET_SECONDS} s for ${BUDGET_ENTRIES.toLocaleString('en')} entries`,
        },
        withinBudget,
      },
    );
    const failed = figures.filter((f) => f.error !== null);
    if (failed.length > 0) {
      throw new Error(
        `the audit benchmark failed on ${failed.map((f) => `${f.database}: ${f.error}`).join('; ')}`,
      );
    }
  });
}

/** Builds the log in a fresh, migrated database, verifies it, tampers, verifies again, profiles. */
async function benchOne(database: OpenDatabase): Promise<AuditFigure> {
  const keys = ephemeralDeploymentKeys();
  const figure: AuditFigure = {
    database: database.kind,
    build: null,
    verify: null,
    tamperedVerify: null,
    breakdown: null,
    budgetSeconds: BUDGET_SECONDS,
    withinBudget: null,
    error: null,
  };
  const label = database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
  try {
    const { figures: build, tamperTarget } = await buildLog(database, keys);
    figure.build = build;
    console.log(
      `${label}: built ${ENTRIES.toLocaleString('en')} entries and ${CHECKPOINTS} checkpoints in ` +
        `${build.seconds.toFixed(1)} s (not timed against the budget; JavaScript side ` +
        `${build.generateSeconds.toFixed(1)} s, VACUUM ANALYZE ${build.vacuumSeconds.toFixed(1)} s), ` +
        `${build.averageEntryBytes} bytes/entry as JSON, table ${build.tableMiB} MiB`,
    );

    // The timed run: the service's verify, end to end, as `parley audit verify` calls it.
    const audit = createAuditLog({ db: database.db, keys });
    const verify = await measure(() => audit.verify());
    figure.verify = {
      seconds: round(verify.seconds, 3),
      entriesPerSecond: Math.round(ENTRIES / verify.seconds),
      peakRssMiB: verify.peakRssMiB,
      rssBeforeMiB: verify.rssBeforeMiB,
      verdict: verify.value,
    };
    figure.withinBudget = ENTRIES === BUDGET_ENTRIES ? verify.seconds <= BUDGET_SECONDS : null;
    console.log(
      `${label}: verify ${verify.seconds.toFixed(2)} s, ` +
        `${figure.verify.entriesPerSecond.toLocaleString('en')} entries/s, peak RSS ${verify.peakRssMiB} MiB: ` +
        JSON.stringify(verify.value),
    );
    const v = verify.value;
    if (!v.ok || v.entries !== ENTRIES || v.checkpoints !== CHECKPOINTS) {
      throw new Error(
        `verify of the intact log did not hold with ${ENTRIES} entries and ${CHECKPOINTS} checkpoints: ${JSON.stringify(v)}`,
      );
    }
    if (v.lastHash !== build.lastHash) {
      throw new Error(`verify ended at hash ${v.lastHash}, the build at ${build.lastHash}`);
    }

    // The profile repeats verify's reads part by part; on PGlite that takes a quarter of an hour.
    if (process.env.PARLEY_BENCH_AUDIT_PROFILE === '1')
      figure.breakdown = await profileVerify(database.db, verify.seconds);

    // What a thief with the database would do: as the schema's owner (the application's role
    // has no UPDATE on the log), switch the triggers off and edit a row.
    await database.asOwner((owner) =>
      owner.transaction().execute(async (trx) => {
        await sql`alter table audit_entry disable trigger user`.execute(trx);
        const { rows } = await sql`
          update audit_entry set object_ids = (object_ids::jsonb - 0)::json where seq = ${TAMPER_SEQ}
          returning seq`.execute(trx);
        if (rows.length !== 1) throw new Error(`tampering changed ${rows.length} rows`);
        await sql`alter table audit_entry enable trigger user`.execute(trx);
      }),
    );
    const expectedProblem = `entry ${TAMPER_SEQ} (${tamperTarget.action} by ${tamperTarget.actor}) was changed after it was written`;
    const tampered = await measure(() => audit.verify());
    const t = tampered.value;
    const namedTheEntry = !t.ok && t.seq === TAMPER_SEQ && t.problem === expectedProblem;
    figure.tamperedVerify = {
      seq: TAMPER_SEQ,
      seconds: round(tampered.seconds, 3),
      peakRssMiB: tampered.peakRssMiB,
      expectedProblem,
      verdict: t,
      namedTheEntry,
    };
    console.log(
      `${label}: verify after changing entry ${TAMPER_SEQ}: ${tampered.seconds.toFixed(2)} s: ${JSON.stringify(t)}`,
    );
    if (!namedTheEntry) {
      throw new Error(
        `verify after tampering with entry ${TAMPER_SEQ} did not name it ("${expectedProblem}"): ${JSON.stringify(t)}`,
      );
    }
  } catch (error) {
    figure.error = error instanceof Error ? error.message : String(error);
    console.error(`${label}: AUDIT BENCHMARK FAILED: ${figure.error}`);
  }
  return figure;
}

// ---------------------------------------------------------------------------------------------
// Building the log

const ENTRY_COLUMNS = sql.raw(
  'seq, at, actor, mechanism_id, action, object_ids, reason, request_id, details, prev_hash, hash',
);
const CHECKPOINT_COLUMNS = sql.raw('seq, hash, signed_at, key_id, signature');

/**
 * Generates the log in JavaScript with `sealEntry` (as the service's appender does), signs a
 * checkpoint every CHECKPOINT_EVERY entries with the service's keys and message, and inserts
 * them in batches of INSERT_BATCH, one JSON parameter per statement. The next batch is generated
 * while the database writes the previous one.
 */
async function buildLog(
  database: OpenDatabase,
  keys: DeploymentKeys,
): Promise<{ figures: BuildFigures; tamperTarget: { action: string; actor: string } }> {
  const { db } = database;
  const workload = createWorkload(SEED);
  const started = performance.now();
  let generateMs = 0;
  let jsonBytes = 0;
  let previous: AuditEntry | null = null;
  let tamperTarget: { action: string; actor: string } | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  for (let first = 1; first <= ENTRIES; first += INSERT_BATCH) {
    const t0 = performance.now();
    const rows: unknown[] = [];
    const checkpoints: unknown[] = [];
    for (let seq = first; seq < first + INSERT_BATCH && seq <= ENTRIES; seq++) {
      const { event, at } = workload.next();
      const entry: AuditEntry = sealEntry(event, at, previous);
      rows.push({
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        mechanism_id: entry.mechanismId,
        action: entry.action,
        object_ids: entry.objectIds,
        reason: entry.reason,
        request_id: entry.requestId,
        // Keys in canonical order, so that the json column receives the canonical text the app writes.
        details: JSON.parse(canonicalDetails(entry)) as unknown,
        prev_hash: entry.prevHash,
        hash: entry.hash,
      });
      if (entry.seq % CHECKPOINT_EVERY === 0) {
        const c = signCheckpoint(keys, entry, at);
        checkpoints.push({
          seq: c.seq,
          hash: c.hash,
          signed_at: c.signedAt,
          key_id: c.keyId,
          signature: c.signature,
        });
      }
      if (entry.seq === TAMPER_SEQ) tamperTarget = { action: entry.action, actor: entry.actor };
      previous = entry;
    }
    const entriesJson = JSON.stringify(rows);
    const checkpointsJson = JSON.stringify(checkpoints);
    jsonBytes += Buffer.byteLength(entriesJson);
    generateMs += performance.now() - t0;
    await inFlight;
    inFlight = insertBatch(db, entriesJson, checkpointsJson);
    inFlight.catch(() => {}); // awaited on the next turn; this only keeps it from being "unhandled"
  }
  await inFlight;

  const vacuumStarted = performance.now();
  await database.asOwner((owner) => vacuumAnalyze(owner));
  const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
  const seconds = (performance.now() - started) / 1000;

  const { rows } = await sql<{ entries: number; checkpoints: number; bytes: number }>`
    select (select count(*) from audit_entry)::int as entries,
           (select count(*) from audit_checkpoint)::int as checkpoints,
           pg_total_relation_size('audit_entry')::float8 as bytes`.execute(db);
  const counts = rows[0];
  if (!previous || !tamperTarget || !counts) throw new Error('the log was not built');
  if (counts.entries !== ENTRIES || counts.checkpoints !== CHECKPOINTS) {
    throw new Error(
      `the database holds ${counts.entries} entries and ${counts.checkpoints} checkpoints after the build`,
    );
  }
  return {
    figures: {
      seconds: round(seconds, 2),
      generateSeconds: round(generateMs / 1000, 2),
      vacuumSeconds: round(vacuumSeconds, 2),
      entries: counts.entries,
      checkpoints: counts.checkpoints,
      averageEntryBytes: Math.round(jsonBytes / ENTRIES),
      tableMiB: Math.round(mib(counts.bytes)),
      lastHash: previous.hash,
    },
    tamperTarget,
  };
}

/** As the service signs one: over `checkpointMessage`, at the time of the entry it closes. */
function signCheckpoint(
  keys: DeploymentKeys,
  entry: { seq: number; hash: string },
  at: Date,
): AuditCheckpoint {
  const unsigned = { seq: entry.seq, hash: entry.hash, signedAt: at.toISOString() };
  return { ...unsigned, keyId: keys.keyId, signature: keys.sign(checkpointMessage(unsigned)) };
}

async function insertBatch(db: Database, entries: string, checkpoints: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into audit_entry (${ENTRY_COLUMNS})
      select ${ENTRY_COLUMNS} from json_populate_recordset(null::audit_entry, ${entries}::json)`.execute(
      trx,
    );
    await sql`
      insert into audit_checkpoint (${CHECKPOINT_COLUMNS})
      select ${CHECKPOINT_COLUMNS}
      from jsonb_populate_recordset(null::audit_checkpoint, ${checkpoints}::jsonb)`.execute(trx);
  });
}

/**
 * What autovacuum would have done to a log this old: set hint bits and the visibility map, and
 * gather statistics, so that the timed verify does not pay for the bulk load's first read.
 */
async function vacuumAnalyze(db: Database): Promise<void> {
  try {
    await sql`vacuum (analyze) audit_entry`.execute(db);
    await sql`vacuum (analyze) audit_checkpoint`.execute(db);
  } catch (error) {
    console.log(`VACUUM refused (${(error as Error).message}); ANALYZE only`);
    await sql`analyze audit_entry`.execute(db);
    await sql`analyze audit_checkpoint`.execute(db);
  }
}

// ---------------------------------------------------------------------------------------------
// The workload: what a deployment's log holds

const SEARCHES = ['Бондар', 'Шевченко', 'Іваненко', 'Kovalenko', 'Мельник', 'Petrov', 'Гук'];
const REASONS = ['handover to the mediator', 'requested by the ICRC delegation', 'weekly review'];

interface ListState {
  mechanismId: string;
  party: 'UA' | 'RU';
  kind: 'sought' | 'held';
  versions: Array<{ id: string; number: number; lineCount: number }>;
}

/**
 * A deterministic stream of events as the services record them (mechanisms.service.ts,
 * registry.service.ts): first 3 mechanisms with a sought and a held list per party, then a mix
 * of about 89% page reads naming 1–50 records `<version uuid>/<record id>` (some with a search),
 * 3% diffs, 3% exports, 5% new versions (list.import with its details); 85% from the HTTP
 * operator with a request id, the rest from CLI users without one. Timestamps advance 0–400 ms.
 */
function createWorkload(seed: number): { next(): { event: AuditEvent; at: Date } } {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const hex = (n: number) => (int(2 ** 32) >>> 0).toString(16).padStart(8, '0').slice(0, n);
  const uuid = () =>
    `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + int(4)).toString(16)}${hex(3)}-${hex(8)}${hex(4)}`;
  const sha256 = () => `${hex(8)}${hex(8)}${hex(8)}${hex(8)}${hex(8)}${hex(8)}${hex(8)}${hex(8)}`;
  let clock = Date.parse('2026-03-02T07:30:00.000Z');

  const actor = (): { id: string; requestId: string | null } => {
    const r = random();
    if (r < 0.85) return { id: 'http:local-operator', requestId: uuid() };
    return { id: r < 0.95 ? 'cli:alice' : 'cli:bogdan', requestId: null };
  };
  const event = (
    who: { id: string; requestId: string | null },
    action: string,
    mechanismId: string,
    objectIds: string[],
    details: Record<string, unknown>,
    reason: string | null = null,
  ): AuditEvent => ({
    actor: who.id,
    mechanismId,
    action,
    objectIds,
    reason,
    requestId: who.requestId,
    details,
  });

  const lists: ListState[] = [];
  const setup: AuditEvent[] = [];
  const importVersion = (list: ListState, who = actor()): AuditEvent => {
    const last = list.versions.at(-1);
    const lineCount = last
      ? Math.max(
          100,
          last.lineCount + int(Math.ceil(last.lineCount / 10)) - Math.floor(last.lineCount / 20),
        )
      : 2_000 + int(98_000);
    const version = { id: uuid(), number: (last?.number ?? 0) + 1, lineCount };
    list.versions.push(version);
    return event(who, 'list.import', list.mechanismId, [version.id], {
      party: list.party,
      kind: list.kind,
      number: version.number,
      lineCount,
      flaggedLineCount: int(Math.ceil(lineCount / 50)),
      sourceName: `${list.party.toLowerCase()}-${list.kind}-v${version.number}.${random() < 0.7 ? 'xlsx' : 'csv'}`,
      sourceSha256: sha256(),
    });
  };
  for (const name of ['Istanbul channel', 'Abu Dhabi channel', 'Vatican channel']) {
    const mechanismId = uuid();
    setup.push(
      event({ id: 'system', requestId: null }, 'mechanism.create', mechanismId, [mechanismId], {
        name,
        parties: ['UA', 'RU'],
        mediators: ['TR'],
      }),
    );
    for (const party of ['UA', 'RU'] as const) {
      for (const kind of ['sought', 'held'] as const) {
        const list: ListState = { mechanismId, party, kind, versions: [] };
        lists.push(list);
        setup.push(importVersion(list, { id: 'cli:alice', requestId: null }));
      }
    }
  }

  const recordId = (list: ListState, index: number) =>
    `${list.party}-${list.kind === 'sought' ? 'S' : 'H'}-${String(index + 1).padStart(6, '0')}`;

  function randomEvent(): AuditEvent {
    const list = pick(lists);
    const version = list.versions.at(-1);
    if (!version) throw new Error('a list without versions');
    const who = actor();
    const r = random();
    if (r < 0.05) return importVersion(list, who);
    if (r < 0.08) {
      return event(
        who,
        'list.export',
        list.mechanismId,
        [version.id],
        {
          party: list.party,
          kind: list.kind,
          number: version.number,
          format: random() < 0.5 ? 'xlsx' : 'csv',
          lineCount: version.lineCount,
        },
        random() < 0.5 ? pick(REASONS) : null,
      );
    }
    if (r < 0.11) {
      const from = list.versions.at(-2);
      return event(who, 'list.read', list.mechanismId, [...(from ? [from.id] : []), version.id], {
        party: list.party,
        kind: list.kind,
        diff: [from?.number ?? null, version.number],
      });
    }
    // A page of lines: 1–50 records, consecutive from an offset, or the hits of a search.
    const count = 1 + int(50);
    const search = random() < 0.15 ? pick(SEARCHES) : null;
    const offset = search ? 0 : 50 * int(Math.max(1, Math.floor(version.lineCount / 50)));
    const start = search ? int(version.lineCount) : offset;
    const objectIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const index = search ? (start + i * 977) % version.lineCount : start + i;
      objectIds.push(`${version.id}/${recordId(list, index)}`);
    }
    return event(who, 'list.read', list.mechanismId, objectIds, {
      party: list.party,
      kind: list.kind,
      number: version.number,
      offset,
      search,
    });
  }

  return {
    next() {
      clock += int(400);
      return { event: setup.shift() ?? randomEvent(), at: new Date(clock) };
    },
  };
}

/** A small, seeded generator of numbers in [0, 1), so that every run builds the same log. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// ---------------------------------------------------------------------------------------------
// Where verify's time goes

/** The same pages as `streamEntries`: by seq, PAGE_SIZE at a time. */
async function pageThrough(fetchPage: (after: number) => Promise<number | null>): Promise<void> {
  let after = 0;
  for (;;) {
    const last = await fetchPage(after);
    if (last === null) return;
    after = last;
  }
}

async function profileVerify(db: Database, verifySeconds: number): Promise<Breakdown> {
  // 1. The database alone: read each page and produce its jsonb as text, send one row.
  let rowTextBytes = 0;
  let started = performance.now();
  await pageThrough(async (after) => {
    const { rows } = await sql<{ n: number; bytes: number; last: number | null }>`
      select count(*)::int as n, max(seq)::float8 as last,
             sum(octet_length(at) + octet_length(actor) + octet_length(action)
                 + coalesce(octet_length(mechanism_id::text), 0) + octet_length(object_ids::text)
                 + coalesce(octet_length(reason), 0) + coalesce(octet_length(request_id), 0)
                 + octet_length(details::text) + octet_length(prev_hash) + octet_length(hash)
                 )::float8 as bytes
      from (select * from audit_entry where seq > ${after} order by seq limit ${PAGE_SIZE}) page`.execute(
      db,
    );
    const page = rows[0];
    rowTextBytes += page?.bytes ?? 0;
    return page && page.n === PAGE_SIZE ? page.last : null;
  });
  const serverSeconds = (performance.now() - started) / 1000;

  // 2. Fetching the rows with the jsonb as text: the server, the wire and the driver's rows.
  started = performance.now();
  await pageThrough(async (after) => {
    const { rows } = await sql<{ seq: number }>`
      select seq, at, actor, mechanism_id, action, object_ids::text as object_ids, reason,
             request_id, details::text as details, prev_hash, hash
      from audit_entry where seq > ${after} order by seq limit ${PAGE_SIZE}`.execute(db);
    const last = rows.at(-1);
    return last && rows.length === PAGE_SIZE ? Number(last.seq) : null;
  });
  const fetchTextSeconds = (performance.now() - started) / 1000;

  // 3. verify's own reading (streamEntries), and hashEntry's halves timed page by page.
  let canonicalMs = 0;
  let sha256Ms = 0;
  let count = 0;
  const page: AuditEntry[] = [];
  const hashPage = () => {
    let t = performance.now();
    const canonical = page.map((entry) =>
      canonicalize({
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        mechanismId: entry.mechanismId,
        action: entry.action,
        objectIds: entry.objectIds,
        reason: entry.reason,
        requestId: entry.requestId,
        details: entry.details,
        prevHash: entry.prevHash,
      }),
    );
    canonicalMs += performance.now() - t;
    t = performance.now();
    const hashes = canonical.map((text) =>
      createHash('sha256')
        .update(text ?? '', 'utf8')
        .digest('hex'),
    );
    sha256Ms += performance.now() - t;
    page.forEach((entry, i) => {
      if (hashes[i] !== entry.hash) throw new Error(`breakdown: entry ${entry.seq} does not hash`);
    });
    count += page.length;
    page.length = 0;
  };
  started = performance.now();
  let hashingMs = 0;
  for await (const entry of streamEntries(db)) {
    page.push(entry);
    if (page.length === PAGE_SIZE) {
      const t = performance.now();
      hashPage();
      hashingMs += performance.now() - t;
    }
  }
  const t = performance.now();
  hashPage();
  hashingMs += performance.now() - t;
  const fetchSeconds = (performance.now() - started - hashingMs) / 1000;
  if (count !== ENTRIES) throw new Error(`breakdown: read ${count} entries, not ${ENTRIES}`);

  const canonicalSeconds = canonicalMs / 1000;
  const sha256Seconds = sha256Ms / 1000;
  return {
    serverSeconds: round(serverSeconds, 2),
    fetchTextSeconds: round(fetchTextSeconds, 2),
    fetchSeconds: round(fetchSeconds, 2),
    driverJsonParseSecondsEstimate: round(fetchSeconds - fetchTextSeconds, 2),
    canonicalSeconds: round(canonicalSeconds, 2),
    sha256Seconds: round(sha256Seconds, 2),
    verifierRestSeconds: round(verifySeconds - fetchSeconds - canonicalSeconds - sha256Seconds, 2),
    rowTextMiB: Math.round(mib(rowTextBytes)),
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring, printing

/** Runs `work` with the process's RSS sampled; a collection first, so the figure is its own. */
async function measure<T>(
  work: () => Promise<T>,
): Promise<{ value: T; seconds: number; peakRssMiB: number; rssBeforeMiB: number }> {
  const rss = sampleRss();
  try {
    const started = performance.now();
    const value = await work();
    const seconds = (performance.now() - started) / 1000;
    rss.stop();
    return {
      value,
      seconds,
      peakRssMiB: Math.round(mib(rss.peak())),
      rssBeforeMiB: Math.round(mib(rss.before)),
    };
  } finally {
    rss.stop();
  }
}

function printTable(figures: readonly AuditFigure[]): void {
  const header = [
    'database',
    'build s',
    'verify s',
    'entries/s',
    'peak RSS MiB',
    'tampered verify s',
    'budget',
    'within budget',
  ];
  const rows = figures.map((f) => [
    f.database,
    f.build ? f.build.seconds.toFixed(1) : 'FAILED',
    f.verify ? f.verify.seconds.toFixed(2) : '-',
    f.verify ? f.verify.entriesPerSecond.toLocaleString('en') : '-',
    f.verify ? String(f.verify.peakRssMiB) : '-',
    f.tamperedVerify
      ? `${f.tamperedVerify.seconds.toFixed(2)}${f.tamperedVerify.namedTheEntry ? '' : ' (WRONG)'}`
      : '-',
    `≤ ${f.budgetSeconds} s`,
    f.withinBudget === null ? 'not measured' : f.withinBudget ? 'yes' : 'NO',
  ]);
  console.log(`\n${formatRows(header, rows, 1)}\n`);
}

function printBreakdowns(figures: readonly AuditFigure[]): void {
  const measured = figures.filter((f) => f.breakdown && f.verify);
  if (measured.length === 0) return;
  const parts: Array<[string, (b: Breakdown) => number]> = [
    ['database: read pages, jsonb to text', (b) => b.serverSeconds],
    ['fetch with jsonb as text (server + wire + driver rows)', (b) => b.fetchTextSeconds],
    ['fetch as verify does (streamEntries)', (b) => b.fetchSeconds],
    ['  of which driver JSON.parse etc. (estimate)', (b) => b.driverJsonParseSecondsEstimate],
    ['canonical JSON (canonicalize)', (b) => b.canonicalSeconds],
    ['SHA-256 (createHash per entry)', (b) => b.sha256Seconds],
    ['rest of verify (chain walk, signatures)', (b) => b.verifierRestSeconds],
  ];
  const header = ['where verify’s time goes (s)', ...measured.map((f) => f.database)];
  const rows = parts.map(([name, of]) => [
    name,
    ...measured.map((f) => (f.breakdown ? of(f.breakdown).toFixed(2) : '-')),
  ]);
  rows.push(['verify, end to end', ...measured.map((f) => f.verify?.seconds.toFixed(2) ?? '-')]);
  console.log(`${formatRows(header, rows, 1)}\n`);
}
