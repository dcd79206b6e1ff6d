import type { Database } from '../../platform/db/kysely.ts';
import { withScope } from '../../platform/db/scope.ts';
import { authorize, rowScope, type Actor } from '../access/index.ts';
import type { AgreementsService } from '../agreements/index.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import type { ReconciliationService } from '../reconciliation/index.ts';
import { ACTIVITY_ACTIONS, recentActivity } from './domain/activity.ts';
import {
  currentCounts,
  disputesOf,
  nextStages,
  parityOf,
  personsSeenBy,
  type CountedPerson,
} from './domain/figures.ts';
import { bucketEnds, firstEvent, seriesOf, type PersonHistory } from './domain/person-history.ts';
import { stateFor, viewerOf, type Viewer } from './domain/viewer.ts';
import { exchangeReads } from '../exchanges/index.ts';
import * as repo from './dashboard.repository.ts';

export interface DashboardDeps {
  db: Database;
  mechanisms: MechanismsService;
  agreements: AgreementsService;
  reconciliation: ReconciliationService;
  clock?: () => Date;
}

const ACTIVITY_SHOWN = 20;
// An overview is made again when a change is logged, and at the latest after this long (its
// series run up to now); meanwhile readers in the same scope share it.
const OVERVIEW_MAX_AGE_MS = 5_000;
const OVERVIEW_STALE_MS = 60_000;
const MOST_OVERVIEWS_KEPT = 64;
// Enough entries to find twenty lines for a party after a bulk move of the other side's persons.
const ACTIVITY_READ = 5_000;

/**
 * A mechanism at a glance: persons by state and category now and over time, parity per
 * category, open disputes, the next stages and recent activity; every figure as the reader's
 * role and party may see it (figures/viewer.ts), and counts only, never a person.
 */
export function createDashboardService(deps: DashboardDeps) {
  const { db, mechanisms, agreements, reconciliation } = deps;
  const clock = deps.clock ?? (() => new Date());

  /** Sought lines not acknowledged by the other side, per seeking party, from the latest run. */
  async function notAcknowledged(actor: Actor, mechanismId: string) {
    const status = await reconciliation.status(actor, mechanismId);
    if (!status.summary) return null;
    const counts: Record<string, number> = {};
    for (const row of status.summary.outcomes)
      if (row.outcome === 'not_acknowledged' && row.kind === 'sought')
        counts[row.party_code] = (counts[row.party_code] ?? 0) + row.n;
    return counts;
  }

  /**
   * What the figures are made of, read in the actor's row scope: the persons on the path and
   * their moves (for the roles that read the exchange), the stages, when each agreement's paths
   * were opened, and the newest entries of the audit log that may become activity.
   */
  async function readRows(actor: Actor, mechanismId: string, viewer: Viewer) {
    const rows = await withScope(db, rowScope(actor), async (scoped) => ({
      persons: viewer.readsExchange
        ? await exchangeReads.findCountedPersons(scoped, mechanismId)
        : [],
      moves: viewer.readsExchange ? await exchangeReads.findMoves(scoped, mechanismId) : [],
      stages: viewer.readsExchange ? await exchangeReads.findStages(scoped, mechanismId) : [],
      openings: await repo.findFirstOpenings(scoped, mechanismId),
      entries: await repo.findRecentEntries(scoped, mechanismId, ACTIVITY_ACTIONS, ACTIVITY_READ),
    }));
    const counted: CountedPerson[] = rows.persons.map((p) => ({
      id: p.id,
      agreementId: p.agreement_id,
      party: p.party_code,
      receivingParty: p.receiving_party,
      category: p.category,
      rank: p.rank,
      state: p.state,
      stageId: p.stage_id,
    }));
    return { ...rows, counted };
  }

  type Overview = Awaited<ReturnType<typeof makeOverview>>;
  const overviews = new Map<
    string,
    { stamp: number; madeAt: number; overview: Promise<Overview>; isRefreshing: boolean }
  >();

  /**
   * The overview as the actor may see it. Its figures are read from every person on the
   * mechanism's paths, which under many readers would cost each of them that whole read; so
   * one is made for every scope (role, party, row scope) and shared until the mechanism's log
   * records a change (one of the activity actions) or it is a few seconds old. Concurrent
   * readers wait for the same one; after a change every reader waits for the new one. It names no person and reads none, so nothing is audited.
   */
  async function overviewFor(actor: Actor, mechanismRef: string): Promise<Overview> {
    const mechanism = await mechanisms.get(actor, mechanismRef);
    authorize(actor, 'mechanism.read', { mechanismId: mechanism.id });
    const scope = rowScope(actor);
    const key = JSON.stringify([mechanism, viewerOf(actor, mechanism), scope]);
    // The log has no row policies: its last change is read in one statement, outside a scope.
    const stamp = await repo.lastEntrySeq(db, mechanism.id, ACTIVITY_ACTIONS);
    const now = clock().getTime();
    const kept = overviews.get(key);
    if (kept && kept.stamp === stamp) {
      const age = now - kept.madeAt;
      if (age < OVERVIEW_MAX_AGE_MS) return kept.overview;
      // Nothing changed, only time went by (the series run up to now): one reader makes the
      // next while the others still get this one, unless it is far too old.
      if (age < OVERVIEW_STALE_MS) {
        if (!kept.isRefreshing) {
          kept.isRefreshing = true;
          makeOverview(actor, mechanism).then(
            (made) => keep(key, stamp, now, Promise.resolve(made)),
            () => (kept.isRefreshing = false),
          );
        }
        return kept.overview;
      }
    }
    const overview = makeOverview(actor, mechanism);
    keep(key, stamp, now, overview);
    overview.catch(() => overviews.delete(key));
    return overview;
  }

  function keep(key: string, stamp: number, madeAt: number, overview: Promise<Overview>): void {
    overviews.delete(key);
    overviews.set(key, { stamp, madeAt, overview, isRefreshing: false });
    // The oldest made first leaves first.
    if (overviews.size > MOST_OVERVIEWS_KEPT) overviews.delete(overviews.keys().next().value!);
  }

  async function makeOverview(
    actor: Actor,
    mechanism: Awaited<ReturnType<MechanismsService['get']>>,
  ) {
    const viewer = viewerOf(actor, mechanism);
    const sides: [string, string] = [mechanism.parties[0], mechanism.parties[1]];
    const { counted, moves, stages, openings, entries } = await readRows(
      actor,
      mechanism.id,
      viewer,
    );
    const seen = personsSeenBy(viewer, counted);
    const histories = historiesOf(seen, moves, openings);
    const now = clock();
    const first = firstEvent(histories);
    const ends = first ? bucketEnds(first, now) : [];
    const allAgreements = viewer.readsAgreements ? await agreements.list(actor, mechanism.id) : [];
    const reconciled = viewer.readsReconciliation
      ? await notAcknowledged(actor, mechanism.id)
      : null;
    return {
      mechanism,
      viewer: {
        sides: viewer.sides,
        party: viewer.party,
        seesWish: viewer.seesWish,
        readsExchange: viewer.readsExchange,
        readsReconciliation: viewer.readsReconciliation,
      },
      generatedAt: now.toISOString(),
      // A person's category is the id of an agreement's category; its name is what people read.
      categoryNames: Object.fromEntries(
        allAgreements.flatMap((a) =>
          (a.versions.at(-1)?.definition.categories ?? []).map((c) => [c.id, c.name]),
        ),
      ),
      persons: currentCounts(viewer, counted),
      series: {
        byState: seriesOf(histories, ends, (_, state) => stateFor(viewer, state)),
        byCategory: seriesOf(histories, ends, (person) => person.category),
      },
      parity: allAgreements
        .filter((a) => counted.some((p) => p.agreementId === a.id))
        .map((agreement) => ({
          agreementId: agreement.id,
          name: agreement.name,
          ...parityOf(
            counted.filter((p) => p.agreementId === agreement.id),
            agreement.versions.at(-1)!.definition.formula,
            sides,
          ),
        })),
      disputes: disputesOf(viewer, counted, reconciled),
      nextStages: nextStages(
        stages.map((s) => ({ ...s, agreementId: s.agreement_id })),
        counted,
        sides,
      ).map((stage) => ({
        ...stage,
        agreementName: allAgreements.find((a) => a.id === stage.agreementId)?.name ?? '',
      })),
      activity: recentActivity(viewer, entries, new Set(seen.map((p) => p.id)), ACTIVITY_SHOWN),
    };
  }

  return { dashboard: overviewFor };
}

/**
 * Each person's history: their moves, and when they were put on the path. That moment is not
 * kept with the person; it is the first opening of the agreement's paths in the audit log, or
 * the person's first move when the log says nothing earlier.
 */
function historiesOf(
  persons: readonly CountedPerson[],
  moves: ReadonlyArray<{ person_id: string; from_state: string; to_state: string; at: Date }>,
  openings: ReadonlyMap<string, Date>,
): PersonHistory[] {
  const movesOf = new Map<string, Array<{ at: Date; from: string; to: string }>>();
  for (const move of moves) {
    const list = movesOf.get(move.person_id) ?? [];
    list.push({ at: new Date(move.at), from: move.from_state, to: move.to_state });
    movesOf.set(move.person_id, list);
  }
  const histories: PersonHistory[] = [];
  for (const person of persons) {
    const own = movesOf.get(person.id) ?? [];
    const candidates = [openings.get(person.agreementId), own[0]?.at].filter(
      (d): d is Date => d !== undefined,
    );
    if (candidates.length === 0) continue;
    const openedAt = new Date(Math.min(...candidates.map((d) => d.getTime())));
    histories.push({ category: person.category, state: person.state, openedAt, moves: own });
  }
  return histories;
}

export type DashboardService = ReturnType<typeof createDashboardService>;
