import { createHash } from 'node:crypto';
import type { Database } from '../../platform/db/kysely.ts';
import { withScope } from '../../platform/db/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { JobLostError, type JobContext, type JobRunner } from '../../platform/jobs/job-runner.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import { authorize, rowScope, SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import type { Mechanism, MechanismsService } from '../mechanisms/index.ts';
import type { PersonLine, RegistryService, VersionId } from '../registry/index.ts';
import {
  concludeLines,
  lineKey,
  pairKey,
  recordIdOf,
  type Decision,
  type LineOutcome,
  type LineRef,
  type ListKind,
} from './domain/outcomes.ts';
import {
  reconcileLists,
  type ListInput,
  type RunSettings,
  type RunVersion,
} from './domain/reconcile-lists.ts';
import { openLinkagePool } from './linkage-pool.ts';
import * as repo from './reconciliation.repository.ts';

export interface ReconciliationDeps {
  db: Database;
  mechanisms: MechanismsService;
  registry: RegistryService;
  audit: AuditLog;
  jobs: JobRunner;
  clock?: () => Date;
  /** When to compare on worker threads: from how many lines, and from how many pairs per list. */
  parallel?: { fromLines: number; minPairs?: number };
}

// Pairs from a match probability of 0.01 go to review. On lists of 100,000 lines one person
// without a date of birth may have dozens of namesakes, each taking a share of the probability;
// from 0.05 those shares fell out of review (99.1% of true pairs within reach), from 0.01 every
// candidate of up to about 80 stays in it (99.6%), at about one possible row per 20 true pairs
// (docs/linkage.md, bench/README.md).
export const DEFAULT_RUN_SETTINGS: RunSettings = { match: 0.9, review: 0.01, seed: 1 };
const KINDS: readonly ListKind[] = ['sought', 'held'];
/** From this many lines in all, comparisons run on worker threads (starting them costs a second). */
const PARALLEL_FROM_LINES = 20_000;
/** The background jobs of reconciliation: one a mechanism at a time, in every instance. */
const JOB_KIND = 'reconciliation';
const jobKey = (mechanismId: string) => `${JOB_KIND}:${mechanismId}`;

/**
 * A digest of what a line says about who the person is, so that a decision is reopened when
 * either of its lines changes. Not where the line stands in the file, and not the compartments
 * (health, place of detention): who sees those depends on the role, and a run must reach the same
 * digest whoever started it.
 */
function fingerprintOf(line: PersonLine): string {
  const {
    lineNumber: _position,
    healthStatus: _health,
    detentionPlace: _place,
    extra,
    invalid,
    ...content
  } = line;
  const { health_status: _rawHealth, detention_place: _rawPlace, ...rawInvalid } = invalid;
  const sorted = (record: Record<string, string>) =>
    Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(JSON.stringify([content, sorted(rawInvalid), sorted(extra)]))
    .digest('hex')
    .slice(0, 32);
}

/**
 * Reconciliation of a mechanism's lists: runs in the background with progress, the review queue,
 * and the reviewers' decisions, which carry over to new versions of unchanged lines.
 */
export function createReconciliationService({
  db,
  mechanisms,
  registry,
  audit,
  jobs,
  clock = () => new Date(),
  parallel = { fromLines: PARALLEL_FROM_LINES },
}: ReconciliationDeps) {
  /** Carries out a run: reads the latest lists, links, and writes every result in one transaction. */
  async function execute(
    actor: Actor,
    runId: string,
    job: JobContext,
    onProgress?: (phase: string, share: number) => void,
  ): Promise<void> {
    const run = await repo.findRun(db, runId);
    if (!run) return;
    const mechanism = await mechanisms.get(SYSTEM_ACTOR, run.mechanism_id);
    const progress = async (phase: string, share: number) => {
      onProgress?.(phase, share);
      await repo.updateRun(db, runId, { status: 'running', phase, progress: share });
    };
    try {
      await progress('reading lists', 0);
      const lists: ListInput[] = [];
      const versions: RunVersion[] = [];
      for (const party of mechanism.parties) {
        for (const kind of KINDS) {
          const latest = await registry.latestLines(actor, {
            mechanism: mechanism.id,
            party,
            kind,
          });
          if (!latest) continue;
          versions.push({
            party,
            kind,
            versionId: latest.version.id,
            number: latest.version.number,
          });
          lists.push({
            party,
            kind,
            versionId: latest.version.id,
            lines: latest.lines,
            fingerprints: new Map(latest.lines.map((line) => [line.recordId, fingerprintOf(line)])),
          });
        }
      }
      const decisions = await withScope(db, { system: 'on' }, (scoped) =>
        repo.findDecisions(scoped, mechanism.id),
      );
      // Big lists are compared on worker threads, so that the server keeps answering.
      const lineCount = lists.reduce((sum, list) => sum + list.lines.length, 0);
      const pool =
        lineCount >= parallel.fromLines
          ? openLinkagePool(
              parallel.minPairs === undefined ? {} : { minParallelPairs: parallel.minPairs },
            )
          : null;
      const result = await reconcileLists({
        parties: mechanism.parties,
        lists,
        settings: run.settings,
        decisions,
        onPhase: progress,
        ...(pool ? { runComparisons: pool.runComparisons } : {}),
      }).finally(() => pool?.close());
      await progress('writing results', 0.9);
      const counts = countOutcomes(result.outcomes.map((o) => o.outcome));
      // All or nothing: an interrupted write leaves the run unfinished, to be started again.
      await withScope(db, { system: 'on' }, async (trx) => {
        // Written once: an instance whose claim was taken over (it stalled past its lease) stops here.
        await job.assertHeld(trx);
        const owner = { runId, mechanismId: mechanism.id };
        await repo.insertPairs(trx, owner, result.pairs);
        await repo.insertOutcomes(trx, owner, result.outcomes);
        await repo.updateRun(trx, runId, {
          status: 'done',
          phase: 'done',
          progress: 1,
          versions,
          counts: { ...counts, pairs: result.pairs.length },
          finishedAt: clock(),
        });
        await audit.record(
          trx,
          auditEvent(actor, 'reconciliation.done', {
            mechanismId: mechanism.id,
            objectIds: [runId, ...versions.map((v) => v.versionId)],
            details: { ...counts, pairs: result.pairs.length },
          }),
        );
      });
    } catch (error) {
      // The instance that took the job over carries it on: the run is not this one's to fail.
      if (error instanceof JobLostError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      await repo.updateRun(db, runId, {
        status: 'failed',
        phase: 'failed',
        error: message,
        finishedAt: clock(),
      });
      throw error;
    }
  }

  async function createRun(actor: Actor, mechanismRef: string, settings: Partial<RunSettings>) {
    const mechanism = await mechanisms.get(actor, mechanismRef);
    authorize(actor, 'reconciliation.run', { mechanismId: mechanism.id });
    const chosen = { ...DEFAULT_RUN_SETTINGS, ...settings };
    if (!(chosen.review > 0 && chosen.review <= chosen.match && chosen.match < 1)) {
      throw new AppError(
        'VALIDATION.INVALID_INPUT',
        `the thresholds need 0 < review (${chosen.review}) <= match (${chosen.match}) < 1`,
      );
    }
    const runId = await db.transaction().execute(async (trx) => {
      const id = await repo.insertRun(trx, {
        mechanismId: mechanism.id,
        settings: chosen,
        startedBy: actor.id,
      });
      // Claimed through the database, so that two instances asked at once run it once: the
      // second waits for the first to commit, finds its claim, and refuses (its run rolls back).
      const claimed = await jobs.enqueue(trx, {
        kind: JOB_KIND,
        key: jobKey(mechanism.id),
        payload: { runId: id },
      });
      if (!claimed) {
        throw new AppError(
          'RECONCILIATION.RUNNING',
          `a reconciliation of ${mechanism.name} is already running`,
        );
      }
      await audit.record(
        trx,
        auditEvent(actor, 'reconciliation.start', {
          mechanismId: mechanism.id,
          objectIds: [id],
          details: { ...chosen },
        }),
      );
      return id;
    });
    return { mechanism, runId };
  }

  async function latestDoneRun(actor: Actor, mechanismRef: string) {
    const mechanism = await mechanisms.get(actor, mechanismRef);
    authorize(actor, 'reconciliation.read', { mechanismId: mechanism.id });
    const run = await repo.latestRun(db, mechanism.id, 'done');
    if (!run) {
      throw new AppError(
        'RECONCILIATION.NOT_RUN',
        `${mechanism.name} has not been reconciled yet: start a reconciliation first`,
      );
    }
    return { mechanism, run };
  }

  /** Both records of pairs, side by side, as the actor may see them (each read is audited). */
  async function withRecords(actor: Actor, mechanism: Mechanism, pairs: repo.PairRecord[]) {
    const refs = pairs.flatMap((pair) => [
      {
        party: pair.left_party,
        kind: pair.left_kind as ListKind,
        versionId: pair.left_version_id,
        recordId: pair.left_record_id,
      },
      {
        party: pair.right_party,
        kind: pair.right_kind as ListKind,
        versionId: pair.right_version_id,
        recordId: pair.right_record_id,
      },
    ]);
    const records = refs.length
      ? await registry.records(
          actor,
          mechanism.id,
          refs.map((ref) => ({ ...ref, versionId: ref.versionId as VersionId })),
        )
      : [];
    return pairs.map((pair, i) => ({
      ...pairView(pair),
      left: { party: pair.left_party, kind: pair.left_kind, line: records[2 * i] ?? null },
      right: { party: pair.right_party, kind: pair.right_kind, line: records[2 * i + 1] ?? null },
    }));
  }

  // A run taken over from an instance that stopped (or left unfinished by a restart) starts again
  // from the beginning, as the system: results are written in one transaction, so nothing of the
  // interrupted run remains.
  jobs.define<{ runId: string }>(JOB_KIND, async ({ runId }, job) => {
    const run = await repo.findRun(db, runId);
    if (!run || (run.status !== 'queued' && run.status !== 'running')) return;
    await audit.record(
      null,
      auditEvent(SYSTEM_ACTOR, 'reconciliation.restart', {
        mechanismId: run.mechanism_id,
        objectIds: [run.id],
      }),
    );
    await execute(SYSTEM_ACTOR, runId, job);
  });

  return {
    /** Starts a reconciliation in the background; its progress is read with `status`. */
    async start(actor: Actor, mechanismRef: string, settings: Partial<RunSettings> = {}) {
      const { mechanism, runId } = await createRun(actor, mechanismRef, settings);
      jobs.start(jobKey(mechanism.id), (job) => execute(actor, runId, job));
      return { runId };
    },

    /** Runs a reconciliation to its end (the CLI), reporting progress as it goes. */
    async runNow(
      actor: Actor,
      mechanismRef: string,
      settings: Partial<RunSettings> = {},
      onProgress?: (phase: string, share: number) => void,
    ): Promise<{ runId: string }> {
      const { mechanism, runId } = await createRun(actor, mechanismRef, settings);
      await jobs.runHere(jobKey(mechanism.id), (job) => execute(actor, runId, job, onProgress));
      return { runId };
    },

    /**
     * After a start: every run left queued or running that no live instance holds is started
     * again from the beginning (here, or by whichever instance polls first); says how many here.
     */
    async resumeInterrupted(): Promise<number> {
      for (const run of await repo.unfinishedRuns(db)) {
        await jobs.queue(db, {
          kind: JOB_KIND,
          key: jobKey(run.mechanism_id),
          payload: { runId: run.id },
        });
      }
      return jobs.poll();
    },

    /** Waits for background runs to end. */
    idle: () => jobs.idle(),

    /** The latest run (in progress or not) and, of the latest finished one, the counts by outcome. */
    async status(actor: Actor, mechanismRef: string) {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      authorize(actor, 'reconciliation.read', { mechanismId: mechanism.id });
      const latest = await repo.latestRun(db, mechanism.id);
      const done = await repo.latestRun(db, mechanism.id, 'done');
      const summary = done
        ? await withScope(db, rowScope(actor), (scoped) => repo.runSummary(scoped, done.id))
        : null;
      return { mechanism, latest: latest ?? null, done: done ?? null, summary };
    },

    /** A page of the review queue (open pairs) or of pairs in other states, with both records. */
    async pairs(
      actor: Actor,
      mechanismRef: string,
      query: {
        statuses?: readonly repo.PairRecord['status'][];
        kind?: 'link' | 'duplicate';
        offset: number;
        limit: number;
      },
    ) {
      const { mechanism, run } = await latestDoneRun(actor, mechanismRef);
      const page = await withScope(db, rowScope(actor), (scoped) =>
        repo.findPairs(scoped, { runId: run.id, ...query }),
      );
      return { run, total: page.total, items: await withRecords(actor, mechanism, page.pairs) };
    },

    /**
     * One line's outcome in the latest finished run, with the link pair that decided it and both
     * records side by side (each read audited); null before any run.
     */
    async matchOf(
      actor: Actor,
      mechanismRef: string,
      line: { party: string; kind: ListKind; recordId: string },
    ) {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      authorize(actor, 'reconciliation.read', { mechanismId: mechanism.id });
      const run = await repo.latestRun(db, mechanism.id, 'done');
      if (!run) return null;
      const found = await withScope(db, rowScope(actor), (scoped) =>
        repo.findLineMatch(scoped, run.id, line),
      );
      await audit.record(
        null,
        auditEvent(actor, 'reconciliation.read', {
          mechanismId: mechanism.id,
          objectIds: found.outcome ? [`${found.outcome.version_id}/${line.recordId}`] : [],
          details: { run: run.id, party: line.party, kind: line.kind, recordId: line.recordId },
        }),
      );
      const [pair] = found.pair ? await withRecords(actor, mechanism, [found.pair]) : [];
      return { outcome: found.outcome?.outcome ?? null, pair: pair ?? null };
    },

    /** Every line's outcome in the latest finished run, filtered. */
    async outcomes(
      actor: Actor,
      mechanismRef: string,
      filter: {
        party?: string;
        kind?: ListKind;
        outcome?: LineOutcome;
        offset: number;
        limit: number;
      },
    ) {
      const { mechanism, run } = await latestDoneRun(actor, mechanismRef);
      const found = await withScope(db, rowScope(actor), (scoped) =>
        repo.findOutcomes(scoped, run.id, filter),
      );
      await audit.record(
        null,
        auditEvent(actor, 'reconciliation.read', {
          mechanismId: mechanism.id,
          objectIds: found.outcomes.map((o) => `${o.version_id}/${o.record_id}`),
          details: { run: run.id, ...filter },
        }),
      );
      return { run, ...found };
    },

    /**
     * Confirms or rejects a pair of the latest run. The decision is kept for the two records and
     * carries over to later runs while both lines stay unchanged; the lines' outcomes follow.
     */
    async decide(
      actor: Actor,
      mechanismRef: string,
      input: { pairId: string; decision: Decision; reason?: string },
    ) {
      const { mechanism, run } = await latestDoneRun(actor, mechanismRef);
      authorize(actor, 'review.decide', { mechanismId: mechanism.id });
      return withScope(db, rowScope(actor), async (trx) => {
        const pair = await repo.findPair(trx, input.pairId);
        if (!pair || pair.mechanism_id !== mechanism.id) {
          throw new AppError('RECONCILIATION.PAIR_NOT_FOUND', `no pair ${input.pairId}`);
        }
        if (pair.run_id !== run.id) {
          throw new AppError(
            'RECONCILIATION.STALE_PAIR',
            `pair ${input.pairId} belongs to an earlier reconciliation; decide on the latest one`,
          );
        }
        const left: LineRef = {
          party: pair.left_party,
          kind: pair.left_kind as ListKind,
          recordId: pair.left_record_id,
        };
        const right: LineRef = {
          party: pair.right_party,
          kind: pair.right_kind as ListKind,
          recordId: pair.right_record_id,
        };
        if (pair.kind === 'link') {
          await applyToOutcomes(trx, run.id, pair, left, right, input.decision);
        }
        await repo.setPairStatus(trx, pair.id, input.decision);
        await repo.upsertDecision(trx, {
          mechanismId: mechanism.id,
          pairKey: pairKey(pair.kind, left, right),
          decision: input.decision,
          leftFingerprint: pair.left_fingerprint,
          rightFingerprint: pair.right_fingerprint,
          reason: input.reason?.trim() || null,
          decidedBy: actor.id,
          decidedAt: clock(),
        });
        await audit.record(
          trx,
          auditEvent(actor, `review.${input.decision === 'confirmed' ? 'confirm' : 'reject'}`, {
            mechanismId: mechanism.id,
            objectIds: [pair.id, lineKey(left), lineKey(right)],
            ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}),
            details: { kind: pair.kind, weight: pair.weight, previous: pair.status },
          }),
        );
        return pairView({ ...pair, status: input.decision, reopened: false });
      });
    },
  };

  /**
   * Recomputes the outcomes of a decided pair's two lines. Confirming a pair whose line is
   * already matched with another is refused: that match must be rejected first.
   */
  async function applyToOutcomes(
    trx: Database,
    runId: string,
    pair: repo.PairRecord,
    sought: LineRef,
    held: LineRef,
    decision: Decision,
  ) {
    const soughtKey = lineKey(sought);
    const heldKey = lineKey(held);
    const touching = await repo.linkPairsTouching(trx, runId, [soughtKey, heldKey]);
    const conclude = (statusOf: (p: repo.PairRecord) => repo.PairRecord['status']) =>
      concludeLines(
        { sought: [soughtKey], held: [heldKey] },
        touching.map((p) => ({
          sought: lineKey({ party: p.left_party, kind: 'sought', recordId: p.left_record_id }),
          held: lineKey({ party: p.right_party, kind: 'held', recordId: p.right_record_id }),
          status: statusOf(p),
          weight: p.weight,
        })),
      );
    if (decision === 'confirmed') {
      const before = conclude((p) => p.status);
      for (const [key, other] of [
        [soughtKey, heldKey],
        [heldKey, soughtKey],
      ] as const) {
        const matchedWith = before.get(key)?.matchedWith;
        if (matchedWith && matchedWith !== other) {
          throw new AppError(
            'RECONCILIATION.CONFLICT',
            `${key} is already matched with ${matchedWith}: reject that pair first`,
          );
        }
      }
    }
    const after = conclude((p) => (p.id === pair.id ? decision : p.status));
    for (const [ref, key] of [
      [sought, soughtKey],
      [held, heldKey],
    ] as const) {
      const conclusion = after.get(key);
      if (!conclusion) continue;
      await repo.setOutcome(trx, runId, ref, {
        outcome: conclusion.outcome,
        matchedRecordId: conclusion.matchedWith ? recordIdOf(conclusion.matchedWith) : null,
      });
    }
  }
}

function countOutcomes(outcomes: readonly LineOutcome[]): Record<LineOutcome, number> {
  const counts: Record<LineOutcome, number> = {
    acknowledged: 0,
    possible: 0,
    not_acknowledged: 0,
    unrequested: 0,
  };
  for (const outcome of outcomes) counts[outcome]++;
  return counts;
}

/** A pair as the API and the CLI show it. */
function pairView(pair: repo.PairRecord) {
  return {
    id: pair.id,
    kind: pair.kind,
    status: pair.status,
    reopened: pair.reopened,
    weight: pair.weight,
    probability: pair.probability,
    engineDecision: pair.engine_decision,
    leftRecordId: pair.left_record_id,
    rightRecordId: pair.right_record_id,
    contributions: pair.contributions,
    prior: pair.prior_weight,
    rivals: pair.rivals_weight,
  };
}

export type ReconciliationService = ReturnType<typeof createReconciliationService>;
