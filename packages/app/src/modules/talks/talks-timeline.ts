import type { Database } from '../../platform/db/kysely.ts';
import { timelineSources, violationCounts } from './ceasefires.repository.ts';
import type { TimelineEntry } from './domain/timeline.ts';
import { listRounds } from './talks.repository.ts';

/** The entries of every source of the timeline of one mechanism, not yet merged. */
export async function timelineEntries(
  db: Database,
  mechanismId: string,
): Promise<TimelineEntry[][]> {
  const rounds = await listRounds(db, mechanismId);
  const { agreements, stages, events } = await timelineSources(db, mechanismId);
  const { perDay } = await violationCounts(db, { mechanismId });
  return [
    rounds.map((r) => ({
      at: r.date,
      kind: 'round',
      id: r.id,
      title: `round ${r.number}: ${r.venue}`,
      detail: r.outcomes.map((o) => o.text).join('; '),
      facts: {
        number: r.number,
        venue: r.venue,
        outcomes: r.outcomes.map((o) => o.text).join('; '),
        outcomeList: r.outcomes.map((o) => o.text),
      },
    })),
    agreements.map((a) => ({
      at: a.date && /^\d{4}-\d{2}-\d{2}$/.test(a.date) ? a.date : a.created_at.toISOString(),
      kind: 'agreement',
      id: a.id,
      title: a.name,
      detail: a.status,
      facts: { status: a.status },
    })),
    stages.map((s) => ({
      at: s.date,
      kind: 'stage',
      id: s.id,
      title: `stage ${s.number} of ${s.agreement_name}`,
      detail: `${s.place}, ${s.status}`,
      facts: {
        number: s.number,
        agreementName: s.agreement_name,
        place: s.place,
        status: s.status,
      },
    })),
    events.map((e) => ({
      at: e.at.toISOString(),
      kind: 'ceasefire',
      id: e.id,
      title: e.name,
      detail: `${e.from_status ? `${e.from_status} → ` : ''}${e.to_status}${e.reason ? `: ${e.reason}` : ''}`,
      facts: { fromStatus: e.from_status, toStatus: e.to_status, reason: e.reason },
    })),
    perDay.map((d) => ({
      at: d.day,
      kind: 'violations',
      id: null,
      title: `${d.reports} violation report${d.reports === 1 ? '' : 's'}`,
      detail: `${d.events} event${d.events === 1 ? '' : 's'}`,
      facts: { reports: d.reports, events: d.events },
    })),
  ];
}
