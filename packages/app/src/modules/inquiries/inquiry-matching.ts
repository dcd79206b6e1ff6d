import type { Database } from '../../platform/db/kysely.ts';
import { withScope } from '../../platform/db/scope.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import { exchangeReads } from '../exchanges/index.ts';
import type { Mechanism, MechanismsService } from '../mechanisms/index.ts';
import { DEFAULT_RUN_SETTINGS, openLinkagePool } from '../reconciliation/index.ts';
import { linkAndPrepare } from '@parley/engine';
import type { RegistryService } from '../registry/index.ts';
import {
  statusFromEvidence,
  type MatchStatus,
  type PathEvidence,
} from './domain/inquiry-status.ts';
import {
  findSamePersons,
  findSamePersonsOfNew as findSamePersonsOfNewLines,
  matchInquiries,
  matchOneInquiry,
  type FoundMatch,
  type HeldList,
  type PreparedHeldList,
  type SamePersonIndex,
} from './domain/match-inquiries.ts';
import { soughtLineOf } from './domain/sought-person.ts';
import * as repo from './inquiries.repository.ts';

export interface MatchingDeps {
  db: Database;
  mechanisms: MechanismsService;
  registry: RegistryService;
  audit: AuditLog;
  jobs: JobRunner;
  clock: () => Date;
}

/** What one matching run did: inquiries matched, matches found, statuses moved. */
export interface MatchingSummary {
  inquiries: number;
  matches: number;
  moved: number;
}

/** A party's open inquiries as its last whole same-person search prepared them. */
interface SearchedInquiries {
  readonly index: SamePersonIndex;
  readonly count: number;
  /** The highest number among them: those registered since (in any instance) have higher ones. */
  readonly lastNumber: number;
}

const MATCHER = 'system:inquiry-matching';
/** Up to this many new inquiries are searched for the same person at once, more whole. */
const SMALL_BATCH = 100;
/** The last whole search serves new inquiries until the party has twice as many (at least this many more). */
const REUSE_FOR = 1_000;
/** From this many inquiries, the whole same-person search runs in a worker thread. */
const DEDUPE_IN_WORKER_FROM = 5_000;
/** From this many lines in all, comparisons run on worker threads (starting them costs a second). */
const PARALLEL_FROM_LINES = 20_000;
const targetKey = (inquiryId: string, party: string, recordId: string) =>
  `${inquiryId}|${party}|${recordId}`;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Continuous matching of a party's open inquiries against the other side's latest held lists
 * (every new version, in the background) and the persons on the exchange's paths; a new inquiry
 * is matched at once against the lists prepared by the last whole run.
 */
export function createInquiryMatching({
  db,
  mechanisms,
  registry,
  audit,
  jobs,
  clock,
}: MatchingDeps) {
  // Per mechanism and seeking party: the held lists prepared by the last whole run.
  const prepared = new Map<string, PreparedHeldList[]>();
  const again = new Set<string>();

  const holdersOf = (mechanism: Mechanism, seeker: string) =>
    mechanism.parties.filter((p) => p !== seeker);

  async function heldLists(mechanism: Mechanism, seeker: string): Promise<HeldList[]> {
    const lists: HeldList[] = [];
    for (const party of holdersOf(mechanism, seeker)) {
      const latest = await registry.latestLines(SYSTEM_ACTOR, {
        mechanism: mechanism.id,
        party,
        kind: 'held',
      });
      if (latest) lists.push({ party, versionId: latest.version.id, lines: latest.lines });
    }
    return lists;
  }

  async function latestVersionIds(mechanism: Mechanism, seeker: string): Promise<string[]> {
    const ids: string[] = [];
    for (const party of holdersOf(mechanism, seeker)) {
      const versions = await registry.versions(SYSTEM_ACTOR, {
        mechanism: mechanism.id,
        party,
        kind: 'held',
      });
      const latest = versions.at(-1);
      if (latest) ids.push(latest.id);
    }
    return ids;
  }

  async function pathsOf(scoped: Database, mechanism: Mechanism, seeker: string) {
    const paths = new Map<string, PathEvidence>();
    for (const holder of holdersOf(mechanism, seeker)) {
      for (const row of await exchangeReads.findPathsOfRecords(scoped, mechanism.id, holder)) {
        const handedOverAt = row.handed_over_at ? new Date(row.handed_over_at) : null;
        paths.set(`${holder}|${row.record_id}`, {
          state: row.state,
          onStage: row.stage_id !== null,
          handedOverOn: handedOverAt ? isoDay(handedOverAt) : null,
        });
      }
    }
    return paths;
  }

  /** Stores what the engine found for the inquiries and moves each one's status as it supports. */
  async function apply(
    mechanism: Mechanism,
    seeker: string,
    inquiries: readonly repo.InquiryRow[],
    found: readonly FoundMatch[] | 'as stored',
    isWholeRun: boolean,
  ): Promise<MatchingSummary> {
    const at = clock();
    const ids = inquiries.map((i) => i.id);
    return withScope(db, { system: 'on' }, async (trx) => {
      const existing = await repo.findMatchesOfParty(
        trx,
        mechanism.id,
        seeker,
        isWholeRun ? undefined : ids,
      );
      const decided = new Map(
        existing
          .filter((m) => m.status === 'confirmed' || m.status === 'rejected')
          .map((m) => [targetKey(m.inquiry_id, m.target_party, m.target_record_id), m]),
      );
      const undecided = (m: repo.MatchRow) => m.status === 'matched' || m.status === 'proposed';
      const fresh: Array<{
        inquiryId: string;
        party: string;
        recordId: string;
        status: MatchStatus;
      }> = [];
      if (found === 'as stored') {
        for (const m of existing.filter(undecided))
          fresh.push({
            inquiryId: m.inquiry_id,
            party: m.target_party,
            recordId: m.target_record_id,
            status: m.status,
          });
      } else {
        const engine = found
          .filter((f) => !decided.has(targetKey(f.inquiryId, f.targetParty, f.targetRecordId)))
          .map((f): FoundMatch & { status: MatchStatus } => ({
            ...f,
            status: f.decision === 'match' ? 'matched' : 'proposed',
          }));
        await repo.replaceUndecidedMatches(
          trx,
          { mechanismId: mechanism.id, party: seeker, ...(isWholeRun ? {} : { inquiryIds: ids }) },
          engine,
          at,
        );
        for (const f of engine)
          fresh.push({
            inquiryId: f.inquiryId,
            party: f.targetParty,
            recordId: f.targetRecordId,
            status: f.status,
          });
      }
      const paths = await pathsOf(trx, mechanism, seeker);
      const evidence = new Map<string, Array<{ status: MatchStatus; path: PathEvidence | null }>>();
      const add = (inquiryId: string, party: string, recordId: string, status: MatchStatus) => {
        const list = evidence.get(inquiryId) ?? [];
        list.push({ status, path: paths.get(`${party}|${recordId}`) ?? null });
        evidence.set(inquiryId, list);
      };
      for (const m of decided.values())
        add(m.inquiry_id, m.target_party, m.target_record_id, m.status);
      for (const f of fresh) add(f.inquiryId, f.party, f.recordId, f.status);
      const changes: repo.StatusChange[] = [];
      for (const inquiry of inquiries) {
        const verdict = statusFromEvidence({ matches: evidence.get(inquiry.id) ?? [] });
        if (verdict.status === inquiry.status) continue;
        changes.push({
          inquiryId: inquiry.id,
          mechanismId: mechanism.id,
          party: seeker,
          from: inquiry.status,
          to: verdict.status,
          reason: null,
          onDate: verdict.onDate,
          actor: MATCHER,
          at,
        });
      }
      await repo.insertStatusChanges(trx, changes);
      await audit.record(
        trx,
        auditEvent(SYSTEM_ACTOR, 'inquiry.match', {
          mechanismId: mechanism.id,
          objectIds: isWholeRun ? [] : ids,
          details: {
            party: seeker,
            inquiries: inquiries.length,
            matches: fresh.length,
            moved: changes.length,
          },
        }),
      );
      return { inquiries: inquiries.length, matches: fresh.length, moved: changes.length };
    });
  }

  const matchable = (mechanismId: string, seeker: string, ids?: string[]) =>
    withScope(db, { system: 'on' }, (trx) => repo.findMatchable(trx, mechanismId, seeker, ids));

  /** Matches every open inquiry of a party against the other side's latest held lists. */
  async function rematchParty(mechanismId: string, seeker: string): Promise<MatchingSummary> {
    const mechanism = await mechanisms.get(SYSTEM_ACTOR, mechanismId);
    const inquiries = await matchable(mechanism.id, seeker);
    // No inquiry to match: the held lists are not read (nor that read audited).
    if (inquiries.length === 0) return { inquiries: 0, matches: 0, moved: 0 };
    const held = await heldLists(mechanism, seeker);
    const lines = inquiries.map((i) => soughtLineOf(i.id, repo.personOf(i)));
    // Inquiries about one person are linked as that one person.
    const joined = await withScope(db, { system: 'on' }, (trx) =>
      repo.findJoinedPairs(trx, mechanism.id, seeker),
    );
    // Big lists are compared on worker threads as reconciliation compares them (its pool).
    const lineCount = lines.length + held.reduce((sum, list) => sum + list.lines.length, 0);
    const pool = lineCount >= PARALLEL_FROM_LINES ? openLinkagePool() : null;
    const settings = DEFAULT_RUN_SETTINGS;
    const result = await matchInquiries(
      lines,
      held,
      settings,
      pool
        ? (left, right, engine, seed) =>
            linkAndPrepare(left, right, engine, {
              seed,
              runComparisons: pool.runComparisons,
              runBlocking: pool.runPersonBlocking,
            })
        : undefined,
      joined,
    ).finally(() => pool?.close());
    prepared.set(`${mechanism.id}:${seeker}`, result.prepared);
    return apply(mechanism, seeker, inquiries, result.found, true);
  }

  /** Per mechanism and party: the open inquiries of the last whole same-person search, prepared. */
  const searched = new Map<string, SearchedInquiries>();
  /** Per mechanism and party: inquiries registered while a whole search ran, searched after it. */
  const registeredMeanwhile = new Map<string, string[]>();
  const samePersonJob = (mechanismId: string, party: string) =>
    `inquiries:${mechanismId}:${party}:same`;

  async function searchWhole(mechanismId: string, party: string): Promise<void> {
    const key = `${mechanismId}:${party}`;
    const inquiries = await withScope(db, { system: 'on' }, (trx) =>
      repo.findOpen(trx, mechanismId, party),
    );
    const lines = inquiries.map((i) => soughtLineOf(i.id, repo.personOf(i)));
    // A big list is deduped in a worker thread of reconciliation's pool: the server's thread
    // stays free for requests while it runs (40 s and more for 115,000 inquiries).
    const pool = lines.length >= DEDUPE_IN_WORKER_FROM ? openLinkagePool({ threads: 2 }) : null;
    const { found, index } = await findSamePersons(
      lines,
      DEFAULT_RUN_SETTINGS,
      pool ? (records, thresholds, seed) => pool.dedupe(records, thresholds, seed) : undefined,
    ).finally(() => pool?.close());
    await withScope(db, { system: 'on' }, async (trx) => {
      await repo.replaceUndecidedSamePersons(trx, { mechanismId, party }, found, clock());
      await audit.record(
        trx,
        auditEvent(SYSTEM_ACTOR, 'inquiry.same-person', {
          mechanismId,
          objectIds: [],
          details: {
            party,
            inquiries: inquiries.length,
            sure: found.filter((f) => f.decision === 'match').length,
            doubtful: found.filter((f) => f.decision === 'possible').length,
          },
        }),
      );
    });
    const lastNumber = inquiries.reduce((last, i) => Math.max(last, i.number), 0);
    if (index) searched.set(key, { index, count: lines.length, lastNumber });
    else searched.delete(key);
  }

  function findSamePersonsLater(mechanismId: string, party: string): void {
    const key = `${mechanismId}:${party}`;
    const jobKey = samePersonJob(mechanismId, party);
    const work = async (): Promise<void> => {
      do {
        again.delete(jobKey);
        await searchWhole(mechanismId, party);
        // Those registered while it ran (it may not have read them) are searched against what it
        // prepared; many, or none prepared, and the party is searched whole again.
        const meanwhile = registeredMeanwhile.get(key) ?? [];
        registeredMeanwhile.delete(key);
        const ready = searched.get(key);
        if (meanwhile.length === 0 || again.has(jobKey)) continue;
        if (ready && meanwhile.length <= SMALL_BATCH)
          await searchNew(mechanismId, party, meanwhile, ready);
        else again.add(jobKey);
      } while (again.has(jobKey));
    };
    if (!jobs.start(jobKey, work)) again.add(jobKey);
  }

  async function findSamePersonsOfNew(
    mechanismId: string,
    party: string,
    ids: readonly string[],
  ): Promise<void> {
    const key = `${mechanismId}:${party}`;
    if (ids.length === 0) return;
    if (jobs.isRunning(samePersonJob(mechanismId, party))) {
      registeredMeanwhile.set(key, [...(registeredMeanwhile.get(key) ?? []), ...ids]);
      return;
    }
    const ready = searched.get(key);
    // A bulk registration is searched whole: it is the same work, once.
    if (!ready || ids.length > SMALL_BATCH) {
      findSamePersonsLater(mechanismId, party);
      return;
    }
    await searchNew(mechanismId, party, ids, ready);
  }

  /** Searches new inquiries against those of the last whole search and those registered since. */
  async function searchNew(
    mechanismId: string,
    party: string,
    ids: readonly string[],
    ready: SearchedInquiries,
  ): Promise<void> {
    const { inquiries, registeredSince } = await withScope(db, { system: 'on' }, async (trx) => ({
      inquiries: await repo.findOpenAmong(trx, mechanismId, party, ids),
      registeredSince: await repo.findOpenAfter(trx, mechanismId, party, ready.lastNumber),
    }));
    // The model of the last whole search stays right while the party has not much more than it
    // had then.
    if (registeredSince.length > Math.max(ready.count, REUSE_FOR)) {
      findSamePersonsLater(mechanismId, party);
      return;
    }
    const fresh = inquiries.map((i) => soughtLineOf(i.id, repo.personOf(i)));
    const asked = new Set(ids);
    const since = registeredSince
      .filter((i) => !asked.has(i.id))
      .map((i) => soughtLineOf(i.id, repo.personOf(i)));
    const candidates = findSamePersonsOfNewLines(fresh, since, ready.index);
    await withScope(db, { system: 'on' }, async (trx) => {
      // An inquiry closed since the whole search is about nobody any more.
      const named = [...new Set(candidates.flatMap((f) => [f.inquiryId, f.otherId]))];
      const open = new Set(
        (await repo.findOpenAmong(trx, mechanismId, party, named)).map((row) => row.id),
      );
      const found = candidates.filter((f) => open.has(f.inquiryId) && open.has(f.otherId));
      const freshIds = fresh.map((line) => line.recordId);
      await repo.replaceUndecidedSamePersons(
        trx,
        { mechanismId, party, inquiryIds: freshIds },
        found,
        clock(),
      );
      await audit.record(
        trx,
        auditEvent(SYSTEM_ACTOR, 'inquiry.same-person', {
          mechanismId,
          objectIds: freshIds,
          details: {
            party,
            inquiries: freshIds.length,
            searchedAmong: ready.count + since.length,
            sure: found.filter((f) => f.decision === 'match').length,
            doubtful: found.filter((f) => f.decision === 'possible').length,
          },
        }),
      );
    });
  }

  return {
    rematchParty,

    /**
     * Matches new inquiries at once: against the held lists prepared by the last whole run when
     * they are still the latest versions, otherwise by matching the whole party again.
     */
    async matchNew(mechanismId: string, seeker: string, ids: string[]): Promise<MatchingSummary> {
      const mechanism = await mechanisms.get(SYSTEM_ACTOR, mechanismId);
      const ready = prepared.get(`${mechanism.id}:${seeker}`);
      const latest = await latestVersionIds(mechanism, seeker);
      const isCurrent =
        ready !== undefined &&
        latest.length === ready.length &&
        latest.every((id) => ready.some((p) => p.versionId === id));
      if (!isCurrent) return rematchParty(mechanism.id, seeker);
      const inquiries = await matchable(mechanism.id, seeker, ids);
      const found = inquiries.flatMap((i) =>
        matchOneInquiry(soughtLineOf(i.id, repo.personOf(i)), ready),
      );
      return apply(mechanism, seeker, inquiries, found, false);
    },

    /**
     * After a party keeps a new held list (or a person moves on a path): the other parties'
     * open inquiries are matched again in the background; a request while one runs runs after it.
     */
    rematchLater(mechanismId: string, changedParty: string, parties: readonly string[]): void {
      for (const seeker of parties.filter((p) => p !== changedParty)) {
        const key = `inquiries:${mechanismId}:${seeker}`;
        const work = async (): Promise<void> => {
          do {
            again.delete(key);
            await rematchParty(mechanismId, seeker);
          } while (again.has(key));
        };
        if (!jobs.start(key, work)) again.add(key);
      }
    },

    /** After persons moved on the paths: every party's inquiries follow, in the background. */
    restateLater(mechanismId: string): void {
      const key = `inquiries:${mechanismId}:paths`;
      const work = async (): Promise<void> => {
        do {
          again.delete(key);
          const mechanism = await mechanisms.get(SYSTEM_ACTOR, mechanismId);
          for (const seeker of mechanism.parties) {
            const inquiries = await matchable(mechanism.id, seeker);
            if (inquiries.length > 0) await apply(mechanism, seeker, inquiries, 'as stored', true);
          }
        } while (again.has(key));
      };
      if (!jobs.start(key, work)) again.add(key);
    },

    /** Moves the named inquiries' statuses as their stored matches and paths now say (a decision). */
    async restate(mechanismId: string, seeker: string, ids: string[]): Promise<MatchingSummary> {
      const mechanism = await mechanisms.get(SYSTEM_ACTOR, mechanismId);
      const inquiries = await matchable(mechanism.id, seeker, ids);
      return apply(mechanism, seeker, inquiries, 'as stored', false);
    },

    /**
     * After inquiries are registered: the new ones are searched for others about the same person
     * at once against the party's inquiries as the last whole search prepared them (a fraction of
     * a second whatever their number); sure pairs are joined, doubtful ones wait for the bureau.
     * A bulk registration, a party never searched whole (or grown much since) is searched whole,
     * in the background.
     */
    findSamePersonsOfNew,

    /**
     * The party's open inquiries are searched whole, in the background (big lists compared on
     * worker threads), for several about one person.
     */
    findSamePersonsLater,

    /** Resolves when the background matching started so far has ended (tests). */
    idle: () => jobs.idle(),
  };
}

export type InquiryMatching = ReturnType<typeof createInquiryMatching>;
