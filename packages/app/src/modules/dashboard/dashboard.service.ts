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
import {
  bucketEnds,
  firstEvent,
  seriesFrom,
  timelineOf,
  type PersonHistory,
} from './domain/person-history.ts';
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
// An overview's figures are read again when a change is logged (CHANGE_ACTIONS), and in the
// background once they are this old, for what the log does not tell; past the second age a
// reader waits for them. Its series are counted up to now again every few seconds.
const FIGURES_MAX_AGE_MS = 60_000;
const FIGURES_STALE_MS = 120_000;
const SERIES_MAX_AGE_MS = 5_000;
const MOST_OVERVIEWS_KEPT = 64;
// The log's actions after which the figures read may no longer hold: the activity shown, and
// the other writes of the exchange and the reconciliation.
const CHANGE_ACTIONS = [
  ...ACTIVITY_ACTIONS,
  'exchange.offline.sync',
  'exchange.receipt.batch',
  'exchange.stage.list_override',
  'exchange.stage.status',
  'reconciliation.release',
  'reconciliation.restart',
];
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

  type Figures = Awaited<ReturnType<typeof makeFigures>>;
  type Overview = ReturnType<typeof present>;
  const overviews = new Map<
    string,
    {
      stamp: number;
      /** When the figures were read, and when the overview shown was counted from them. */
      readAt: number;
      shownAt: number;
      figures: Promise<Figures>;
      overview: Promise<Overview>;
      isRereading: boolean;
    }
  >();

  /**
   * The overview as the actor may see it. Its figures are read from every person on the
   * mechanism's paths, which under many readers would cost each of them that whole read; so
   * they are read once for every scope (role, party, row scope) and shared until the
   * mechanism's log records a change (CHANGE_ACTIONS); readers at once wait for the same read,
   * and after a change every reader waits for the new one. As time goes by, the series are
   * counted up to now again from the figures kept (a timeline per series: no read, no pass over
   * the persons) every few seconds, and the figures are read again once a minute in the
   * background for what the log does not tell. It names no person and reads none, so nothing
   * is audited.
   */
  async function overviewFor(actor: Actor, mechanismRef: string): Promise<Overview> {
    const mechanism = await mechanisms.get(actor, mechanismRef);
    authorize(actor, 'mechanism.read', { mechanismId: mechanism.id });
    const scope = rowScope(actor);
    const key = JSON.stringify([mechanism, viewerOf(actor, mechanism), scope]);
    // The log has no row policies: its last change is read in one statement, outside a scope.
    const stamp = await repo.lastEntrySeq(db, mechanism.id, CHANGE_ACTIONS);
    const now = clock().getTime();
    const kept = overviews.get(key);
    if (kept && kept.stamp === stamp && now - kept.readAt < FIGURES_STALE_MS) {
      if (now - kept.readAt >= FIGURES_MAX_AGE_MS && !kept.isRereading) {
        kept.isRereading = true;
        const figures = makeFigures(actor, mechanism);
        figures.then(
          () => keep(key, stamp, now, figures),
          () => (kept.isRereading = false),
        );
      }
      if (now - kept.shownAt >= SERIES_MAX_AGE_MS) {
        kept.shownAt = now;
        kept.overview = kept.figures.then((figures) => present(figures, clock()));
      }
      return kept.overview;
    }
    const figures = makeFigures(actor, mechanism);
    const entry = keep(key, stamp, now, figures);
    entry.overview.catch(() => overviews.delete(key));
    return entry.overview;
  }

  function keep(key: string, stamp: number, readAt: number, figures: Promise<Figures>) {
    const entry = {
      stamp,
      readAt,
      shownAt: readAt,
      figures,
      overview: figures.then((made) => present(made, clock())),
      isRereading: false,
    };
    overviews.delete(key);
    overviews.set(key, entry);
    // The oldest made first leaves first.
    if (overviews.size > MOST_OVERVIEWS_KEPT) overviews.delete(overviews.keys().next().value!);
    return entry;
  }

  /** Everything an overview shows, read and counted once; the series as timelines (present). */
  async function makeFigures(
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
    const allAgreements = viewer.readsAgreements ? await agreements.list(actor, mechanism.id) : [];
    const reconciled = viewer.readsReconciliation
      ? await notAcknowledged(actor, mechanism.id)
      : null;
    return {
      first: firstEvent(histories),
      timelines: {
        byState: timelineOf(histories, (_, state) => stateFor(viewer, state)),
        byCategory: timelineOf(histories, (person) => person.category),
      },
      shown: {
        mechanism,
        viewer: {
          sides: viewer.sides,
          party: viewer.party,
          seesWish: viewer.seesWish,
          readsExchange: viewer.readsExchange,
          readsReconciliation: viewer.readsReconciliation,
        },
        // A person's category is the id of an agreement's category; its name is what people read.
        categoryNames: Object.fromEntries(
          allAgreements.flatMap((a) =>
            (a.versions.at(-1)?.definition.categories ?? []).map((c) => [c.id, c.name]),
          ),
        ),
        persons: currentCounts(viewer, counted),
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
      },
    };
  }

  /** The overview at `now`: the figures read, and the series counted up to now. */
  function present({ first, timelines, shown }: Figures, now: Date) {
    const ends = first ? bucketEnds(first, now) : [];
    return {
      ...shown,
      generatedAt: now.toISOString(),
      series: {
        byState: seriesFrom(timelines.byState, ends),
        byCategory: seriesFrom(timelines.byCategory, ends),
      },
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
