import { sql, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/kysely.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Decision, LineOutcome, PairStatus, StoredDecision } from './domain/outcomes.ts';
import type { NewOutcome, NewPair, RunSettings, RunVersion } from './domain/reconcile-lists.ts';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

// Rows go to the database as one JSON parameter per batch: PGlite refuses statements with more
// than 32,767 parameters, and one parameter per batch is faster on both databases.
const BATCH = 5_000;

export async function insertRun(
  db: Database,
  run: { mechanismId: string; settings: RunSettings; startedBy: string },
): Promise<string> {
  const { id } = await db
    .insertInto('reconciliation_run')
    .values({
      mechanism_id: run.mechanismId,
      status: 'queued',
      settings: JSON.stringify(run.settings),
      started_by: run.startedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateRun(
  db: Database,
  id: string,
  patch: {
    status?: RunStatus;
    phase?: string;
    progress?: number;
    versions?: RunVersion[];
    counts?: Record<string, number>;
    error?: string | null;
    finishedAt?: Date;
  },
): Promise<void> {
  await db
    .updateTable('reconciliation_run')
    .set({
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.phase !== undefined ? { phase: patch.phase } : {}),
      ...(patch.progress !== undefined ? { progress: patch.progress } : {}),
      ...(patch.versions ? { versions: JSON.stringify(patch.versions) } : {}),
      ...(patch.counts ? { counts: JSON.stringify(patch.counts) } : {}),
      ...(patch.error !== undefined ? { error: patch.error } : {}),
      ...(patch.finishedAt ? { finished_at: patch.finishedAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export type RunRecord = Selectable<DB['reconciliation_run']>;

export async function findRun(db: Database, id: string): Promise<RunRecord | undefined> {
  return await db
    .selectFrom('reconciliation_run')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The latest run of a mechanism; with `done`, the latest that finished. */
export async function latestRun(
  db: Database,
  mechanismId: string,
  status?: RunStatus,
): Promise<RunRecord | undefined> {
  let query = db
    .selectFrom('reconciliation_run')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .orderBy('created_at', 'desc')
    .limit(1);
  if (status) query = query.where('status', '=', status);
  return query.executeTakeFirst();
}

/** Runs a restart interrupted: queued or running. */
export async function unfinishedRuns(db: Database): Promise<RunRecord[]> {
  return await db
    .selectFrom('reconciliation_run')
    .selectAll()
    .where('status', 'in', ['queued', 'running'])
    .orderBy('created_at')
    .execute();
}

export async function findDecisions(
  db: Database,
  mechanismId: string,
): Promise<Map<string, StoredDecision>> {
  const rows = await db
    .selectFrom('review_decision')
    .select(['pair_key', 'decision', 'left_fingerprint', 'right_fingerprint'])
    .where('mechanism_id', '=', mechanismId)
    .execute();
  return new Map(
    rows.map((row) => [
      row.pair_key,
      {
        decision: row.decision,
        leftFingerprint: row.left_fingerprint,
        rightFingerprint: row.right_fingerprint,
      },
    ]),
  );
}

export async function upsertDecision(
  db: Database,
  decision: {
    mechanismId: string;
    pairKey: string;
    decision: Decision;
    leftFingerprint: string;
    rightFingerprint: string;
    reason: string | null;
    decidedBy: string;
    decidedAt: Date;
  },
): Promise<void> {
  const values = {
    decision: decision.decision,
    left_fingerprint: decision.leftFingerprint,
    right_fingerprint: decision.rightFingerprint,
    reason: decision.reason,
    decided_by: decision.decidedBy,
    decided_at: decision.decidedAt,
  };
  await db
    .insertInto('review_decision')
    .values({ mechanism_id: decision.mechanismId, pair_key: decision.pairKey, ...values })
    .onConflict((oc) => oc.columns(['mechanism_id', 'pair_key']).doUpdateSet(values))
    .execute();
}

export async function insertPairs(
  db: Database,
  owner: { runId: string; mechanismId: string },
  pairs: readonly NewPair[],
): Promise<void> {
  for (let start = 0; start < pairs.length; start += BATCH) {
    const rows = JSON.stringify(
      pairs
        .slice(start, start + BATCH)
        .map((pair) => ({ ...pair, run_id: owner.runId, mechanism_id: owner.mechanismId })),
    );
    await sql`
      insert into reconciliation_pair (run_id, mechanism_id, kind, left_party, left_kind,
        left_version_id, left_record_id, left_fingerprint, right_party, right_kind,
        right_version_id, right_record_id, right_fingerprint, weight, probability,
        engine_decision, status, reopened, contributions, prior_weight, rivals_weight)
      select run_id, mechanism_id, kind, left_party, left_kind, left_version_id, left_record_id,
        left_fingerprint, right_party, right_kind, right_version_id, right_record_id,
        right_fingerprint, weight, probability, engine_decision, status, reopened, contributions,
        prior_weight, rivals_weight
      from jsonb_populate_recordset(null::reconciliation_pair, ${rows}::jsonb)`.execute(db);
  }
}

export async function insertOutcomes(
  db: Database,
  owner: { runId: string; mechanismId: string },
  outcomes: readonly NewOutcome[],
): Promise<void> {
  for (let start = 0; start < outcomes.length; start += BATCH) {
    const rows = JSON.stringify(
      outcomes
        .slice(start, start + BATCH)
        .map((o) => ({ ...o, run_id: owner.runId, mechanism_id: owner.mechanismId })),
    );
    await sql`
      insert into line_outcome (run_id, mechanism_id, party_code, kind, version_id, record_id,
        outcome, matched_record_id, duplicate_of)
      select run_id, mechanism_id, party_code, kind, version_id, record_id, outcome,
        matched_record_id, duplicate_of
      from jsonb_populate_recordset(null::line_outcome, ${rows}::jsonb)`.execute(db);
  }
}

export type PairRecord = Selectable<DB['reconciliation_pair']>;

export async function findPair(db: Database, id: string): Promise<PairRecord | undefined> {
  return await db
    .selectFrom('reconciliation_pair')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface PairQuery {
  runId: string;
  statuses?: readonly PairStatus[];
  kind?: 'link' | 'duplicate';
  offset: number;
  limit: number;
}

/** A page of a run's pairs, reopened ones first, then by descending weight. */
export async function findPairs(
  db: Database,
  query: PairQuery,
): Promise<{ total: number; pairs: PairRecord[] }> {
  let base = db.selectFrom('reconciliation_pair').where('run_id', '=', query.runId);
  if (query.statuses) base = base.where('status', 'in', [...query.statuses]);
  if (query.kind) base = base.where('kind', '=', query.kind);
  const { total } = await base
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const pairs = await base
    .selectAll()
    .orderBy('reopened', 'desc')
    .orderBy('weight', 'desc')
    .orderBy('id')
    .offset(query.offset)
    .limit(query.limit)
    .execute();
  return { total: Number(total), pairs };
}

/** The link pairs of a run that hold any of the given lines (as `party/kind/record_id`). */
export async function linkPairsTouching(
  db: Database,
  runId: string,
  lineKeys: readonly string[],
): Promise<PairRecord[]> {
  return await db
    .selectFrom('reconciliation_pair')
    .selectAll()
    .where('run_id', '=', runId)
    .where('kind', '=', 'link')
    .where((eb) =>
      eb.or([
        eb(sql<string>`left_party || '/' || left_kind || '/' || left_record_id`, 'in', [
          ...lineKeys,
        ]),
        eb(sql<string>`right_party || '/' || right_kind || '/' || right_record_id`, 'in', [
          ...lineKeys,
        ]),
      ]),
    )
    .execute();
}

export async function setPairStatus(db: Database, id: string, status: PairStatus): Promise<void> {
  await db
    .updateTable('reconciliation_pair')
    .set({ status, reopened: false })
    .where('id', '=', id)
    .execute();
}

export async function setOutcome(
  db: Database,
  runId: string,
  line: { party: string; kind: string; recordId: string },
  outcome: { outcome: LineOutcome; matchedRecordId: string | null },
): Promise<void> {
  await db
    .updateTable('line_outcome')
    .set({ outcome: outcome.outcome, matched_record_id: outcome.matchedRecordId })
    .where('run_id', '=', runId)
    .where('party_code', '=', line.party)
    .where('kind', '=', line.kind)
    .where('record_id', '=', line.recordId)
    .execute();
}

/** How many lines of each list have each outcome, and how many pairs of each status. */
export async function runSummary(db: Database, runId: string) {
  const outcomes = await db
    .selectFrom('line_outcome')
    .select(['party_code', 'kind', 'outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('run_id', '=', runId)
    .groupBy(['party_code', 'kind', 'outcome'])
    .execute();
  const duplicates = await db
    .selectFrom('line_outcome')
    .select(['party_code', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('run_id', '=', runId)
    .where('duplicate_of', 'is not', null)
    .groupBy(['party_code', 'kind'])
    .execute();
  const pairs = await db
    .selectFrom('reconciliation_pair')
    .select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('run_id', '=', runId)
    .groupBy(['kind', 'status'])
    .execute();
  return {
    outcomes: outcomes.map((r) => ({ ...r, n: Number(r.n) })),
    duplicates: duplicates.map((r) => ({ ...r, n: Number(r.n) })),
    pairs: pairs.map((r) => ({ ...r, n: Number(r.n) })),
  };
}

export async function findOutcomes(
  db: Database,
  runId: string,
  filter: { party?: string; kind?: string; outcome?: LineOutcome; offset: number; limit: number },
) {
  let base = db.selectFrom('line_outcome').where('run_id', '=', runId);
  if (filter.party) base = base.where('party_code', '=', filter.party);
  if (filter.kind) base = base.where('kind', '=', filter.kind);
  if (filter.outcome) base = base.where('outcome', '=', filter.outcome);
  const { total } = await base
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('party_code')
    .orderBy('kind')
    .orderBy('record_id')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
  return { total: Number(total), outcomes: rows };
}

/** A line's outcome in a run and the link pair that decided it, the likeliest first. */
export async function findLineMatch(
  db: Database,
  runId: string,
  line: { party: string; kind: string; recordId: string },
) {
  const outcome = await db
    .selectFrom('line_outcome')
    .selectAll()
    .where('run_id', '=', runId)
    .where('party_code', '=', line.party)
    .where('kind', '=', line.kind)
    .where('record_id', '=', line.recordId)
    .executeTakeFirst();
  const pair = await db
    .selectFrom('reconciliation_pair')
    .selectAll()
    .where('run_id', '=', runId)
    .where('kind', '=', 'link')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('left_party', '=', line.party),
          eb('left_kind', '=', line.kind),
          eb('left_record_id', '=', line.recordId),
        ]),
        eb.and([
          eb('right_party', '=', line.party),
          eb('right_kind', '=', line.kind),
          eb('right_record_id', '=', line.recordId),
        ]),
      ]),
    )
    .where('status', '!=', 'rejected')
    .orderBy('probability', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { outcome: outcome ?? null, pair: pair ?? null };
}

/** Records that the mediator released outcome lists of a run to a party. */
export function insertRelease(
  db: Database,
  release: { mechanismId: string; runId: string; party: string; lists: string[]; by: string },
) {
  return db
    .insertInto('outcome_release')
    .values({
      mechanism_id: release.mechanismId,
      run_id: release.runId,
      party_code: release.party,
      lists: release.lists,
      released_by: release.by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The releases of a mechanism's outcome lists, the latest first; to one party when named. */
export function findReleases(db: Database, mechanismId: string, party?: string) {
  let query = db
    .selectFrom('outcome_release')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .orderBy('released_at', 'desc')
    .orderBy('id');
  if (party) query = query.where('party_code', '=', party);
  return query.execute();
}

/** Every line of one party's list with one outcome in a run, in record order. */
export function findLinesWithOutcome(
  db: Database,
  runId: string,
  line: { party: string; kind: string; outcome: LineOutcome },
) {
  return db
    .selectFrom('line_outcome')
    .select(['version_id', 'record_id'])
    .where('run_id', '=', runId)
    .where('party_code', '=', line.party)
    .where('kind', '=', line.kind)
    .where('outcome', '=', line.outcome)
    .orderBy('record_id')
    .execute();
}
