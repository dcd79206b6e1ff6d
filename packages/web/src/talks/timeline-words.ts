import type { TFunction } from 'i18next';
import type { TimelineEntry } from './talks.types.ts';
import { agreementNameIn } from '../agreements/agreement-name.ts';

/** An entry's title and detail in the user's language, from its facts; names and places as written. */
export function timelineWords(
  t: TFunction,
  entry: TimelineEntry,
): { title: string; detail: string } {
  const f = entry.facts;
  const said = (prefix: string, code: string | null | undefined) =>
    code ? t(`${prefix}.${code}`, { defaultValue: code }) : '';
  switch (entry.kind) {
    case 'round':
      return {
        title: t('talks.timeline.round', { number: f.number, venue: f.venue }),
        detail: f.outcomes ?? '',
      };
    case 'agreement':
      return {
        title: agreementNameIn(t, entry.title),
        detail: said('agreementStatus', f.status),
      };
    case 'stage':
      return {
        title: t('talks.timeline.stage', {
          number: f.number,
          agreement: f.agreementName && agreementNameIn(t, f.agreementName),
        }),
        detail: [f.place, said('stageStatus', f.status)].filter(Boolean).join(', '),
      };
    case 'ceasefire': {
      const change = [
        said('talks.ceasefireStatus', f.fromStatus),
        said('talks.ceasefireStatus', f.toStatus),
      ]
        .filter(Boolean)
        .join(' → ');
      return { title: entry.title, detail: f.reason ? `${change}: ${f.reason}` : change };
    }
    case 'violations':
      return {
        title: t('talks.timeline.reports', { count: f.reports ?? 0 }),
        detail: t('talks.timeline.events', { count: f.events ?? 0 }),
      };
  }
}
