/** What the timeline shows, in the order of its sources for entries at the same moment. */
export const TIMELINE_KINDS = ['round', 'agreement', 'stage', 'ceasefire', 'violations'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  /** The day (YYYY-MM-DD) or the moment (ISO 8601) the entry happened. */
  at: string;
  kind: TimelineKind;
  /** The thing the entry is about: a round, an agreement, a stage, a regime; null for a day's violations. */
  id: string | null;
  title: string;
  detail: string;
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
