import type { TFunction } from 'i18next';
import type { TimelineEntry } from './talks.types.ts';
import { agreementNameIn } from '../agreements/agreement-name.ts';

/**
 * An entry's title and detail in the user's language, from its facts; the texts of the talks
 * (venues, outcomes, places, regimes) through `say`, their translation when there is one.
 */
export function timelineWords(
  t: TFunction,
  entry: TimelineEntry,
  say: (text: string) => string = (text) => text,
): { title: string; detail: string } {
  const f = entry.facts;
  const said = (prefix: string, code: string | null | undefined) =>
    code ? t(`${prefix}.${code}`, { defaultValue: code }) : '';
  switch (entry.kind) {
    case 'round':
      return {
        title: t('talks.timeline.round', { number: f.number, venue: f.venue && say(f.venue) }),
        detail: f.outcomeList ? f.outcomeList.map(say).join('; ') : (f.outcomes ?? ''),
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
        detail: [f.place && say(f.place), said('stageStatus', f.status)].filter(Boolean).join(', '),
      };
    case 'ceasefire': {
      const change = [
        said('talks.ceasefireStatus', f.fromStatus),
        said('talks.ceasefireStatus', f.toStatus),
      ]
        .filter(Boolean)
        .join(' → ');
      return { title: say(entry.title), detail: f.reason ? `${change}: ${say(f.reason)}` : change };
    }
    case 'violations':
      return {
        title: t('talks.timeline.reports', { count: f.reports ?? 0 }),
        detail: t('talks.timeline.events', { count: f.events ?? 0 }),
      };
  }
}
