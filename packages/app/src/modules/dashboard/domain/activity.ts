import { stateFor, type Viewer } from './viewer.ts';

/** An audit entry as the dashboard reads it. */
export interface ActivityEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly objectIds: readonly string[];
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * One line of recent activity: who did what and when, with only the facts the reader may see.
 * Reasons and record ids are never shown here: a reason may name a person, and the audit log
 * keeps them for those who may read it.
 */
export interface Activity {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly party?: string;
  readonly kind?: string;
  readonly number?: number;
  readonly to?: string;
  readonly count?: number;
}

/** The changes worth telling on a dashboard; reads of personal data are left to the audit log. */
export const ACTIVITY_ACTIONS = [
  'list.import',
  'reconciliation.start',
  'reconciliation.done',
  'agreement.create',
  'agreement.revise',
  'agreement.status',
  'eligibility.evaluate',
  'exchange.open',
  'exchange.move',
  'exchange.stage.propose',
  'exchange.stage.approve',
  'exchange.stage.refill',
  'exchange.manifest.sign',
  'exchange.manifest.correct',
  'exchange.receipt.issue',
] as const;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const integer = (value: unknown) => (typeof value === 'number' ? value : undefined);

/**
 * What a viewer is told of an entry, or null when the entry is not for them: a list's import only
 * to those who see the list's versions, the reconciliation only to its readers, the exchange only
 * to its readers, and a person's move only when the viewer counts that person
 * (`personsSeen`, the ids of the persons the viewer is shown).
 */
export function activityFor(
  viewer: Viewer,
  entry: ActivityEntry,
  personsSeen: ReadonlySet<string>,
): Activity | null {
  const base = { seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action };
  const { details } = entry;
  switch (entry.action) {
    case 'list.import': {
      const party = text(details['party']);
      if (!party || !viewer.listParties.includes(party)) return null;
      return { ...base, party, kind: text(details['kind']), number: integer(details['number']) };
    }
    case 'reconciliation.start':
    case 'reconciliation.done':
      return viewer.readsReconciliation ? base : null;
    case 'agreement.create':
    case 'agreement.revise':
    case 'agreement.status':
      return viewer.readsAgreements ? base : null;
    case 'exchange.move': {
      const personId = entry.objectIds[0];
      if (!viewer.readsExchange || !personId || !personsSeen.has(personId)) return null;
      const to = text(details['to']);
      return { ...base, ...(to ? { to: stateFor(viewer, to) } : {}) };
    }
    case 'exchange.stage.propose':
    case 'exchange.stage.approve':
      return viewer.readsExchange ? { ...base, number: integer(details['number']) } : null;
    case 'eligibility.evaluate':
    case 'exchange.open':
    case 'exchange.stage.refill':
    case 'exchange.manifest.sign':
    case 'exchange.manifest.correct':
    case 'exchange.receipt.issue':
      return viewer.readsExchange ? base : null;
    default:
      return null;
  }
}

/**
 * The newest entries the viewer may see, newest first, at most `limit`: a run of moves by one
 * actor to one state (a bulk move writes an entry per person) is told once, with its count.
 */
export function recentActivity(
  viewer: Viewer,
  entries: readonly ActivityEntry[],
  personsSeen: ReadonlySet<string>,
  limit: number,
): Activity[] {
  const shown: Activity[] = [];
  for (const entry of [...entries].sort((a, b) => b.seq - a.seq)) {
    const activity = activityFor(viewer, entry, personsSeen);
    if (!activity) continue;
    const last = shown.at(-1);
    if (
      last &&
      activity.action === 'exchange.move' &&
      last.action === activity.action &&
      last.actor === activity.actor &&
      last.to === activity.to
    ) {
      shown[shown.length - 1] = { ...last, count: (last.count ?? 1) + 1 };
      continue;
    }
    if (shown.length === limit) break;
    shown.push(activity.action === 'exchange.move' ? { ...activity, count: 1 } : activity);
  }
  return shown;
}
