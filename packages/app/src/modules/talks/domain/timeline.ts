/** What the timeline shows, in the order of its sources for entries at the same moment. */
export const TIMELINE_KINDS = ['round', 'agreement', 'stage', 'ceasefire', 'violations'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  /** The day (YYYY-MM-DD) or the moment (ISO 8601) the entry happened. */
  at: string;
  kind: TimelineKind;
  /** The thing the entry is about: a round, an agreement, a stage, a regime; null for a day's violations. */
  id: string | null;
  /** The title and detail in English, for a reader of the API. */
  title: string;
  detail: string;
  /** What the title and detail are made of, for a client that says them in its user's language. */
  facts: TimelineFacts;
}

/** The parts of an entry's title and detail, by kind; statuses as their codes. */
export interface TimelineFacts {
  /** A round's number, venue and outcomes. */
  number?: number;
  venue?: string;
  outcomes?: string;
  /** The outcomes one by one, each as entered (for a reader's language). */
  outcomeList?: string[];
  /** An agreement's or a stage's status. */
  status?: string;
  /** A stage's agreement and place. */
  agreementName?: string;
  place?: string;
  /** A ceasefire regime's change of status, and why. */
  fromStatus?: string | null;
  toStatus?: string;
  reason?: string | null;
  /** A day's violation reports and the events they report. */
  reports?: number;
  events?: number;
}

/**
 * One timeline from entries of every kind: by when they happened (a day before any moment of
 * that day), then by kind as TIMELINE_KINDS orders them, then by title; within `from`..`to`
 * (days, inclusive) when given.
 */
export function mergeTimeline(
  sources: ReadonlyArray<readonly TimelineEntry[]>,
  range: { from?: string; to?: string } = {},
): TimelineEntry[] {
  const day = (at: string) => at.slice(0, 10);
  return sources
    .flat()
    .filter((e) => (!range.from || day(e.at) >= range.from) && (!range.to || day(e.at) <= range.to))
    .sort(
      (a, b) =>
        compare(a.at, b.at) ||
        TIMELINE_KINDS.indexOf(a.kind) - TIMELINE_KINDS.indexOf(b.kind) ||
        compare(a.title, b.title),
    );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
