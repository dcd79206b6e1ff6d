import { transliterate } from '../translit/transliterate.ts';
import type { TranslitSystem } from '../translit/transliterate.ts';
import { formsOf, GIVEN_NAMES } from './given-names.data.ts';
import type { GivenNameEntry } from './given-names.data.ts';
import { skeletonWords } from './skeleton.ts';

/** Skeleton → entry for every form of every given name, and the forms that clashed. */
export interface GivenNameIndex {
  readonly byKey: ReadonlyMap<string, GivenNameEntry>;
  /** Skeletons claimed by two entries; the earlier (more common) entry keeps them. */
  readonly collisions: readonly string[];
}

// The official romanisations are added too, so that a romanised form meets its entry even where
// the skeleton of the romanisation differs from that of the Cyrillic (ё → yo, for example).
const UK_SYSTEMS: readonly TranslitSystem[] = ['uk-kmu-2010', 'uk-bgn-pcgn-1965'];
const RU_SYSTEMS: readonly TranslitSystem[] = ['ru-icao-9303', 'ru-bgn-pcgn'];

function indexForms(entry: GivenNameEntry): string[] {
  const forms = formsOf(entry);
  for (const system of UK_SYSTEMS) forms.push(transliterate(entry.uk, system));
  for (const system of RU_SYSTEMS) forms.push(transliterate(entry.ru, system));
  return forms;
}

/** Indexes entries by the skeleton of each of their single-word forms. */
export function buildGivenNameIndex(entries: readonly GivenNameEntry[]): GivenNameIndex {
  const byKey = new Map<string, GivenNameEntry>();
  const collisions: string[] = [];
  for (const entry of entries) {
    for (const form of indexForms(entry)) {
      const [key, ...rest] = skeletonWords(form);
      if (key === undefined || rest.length > 0) continue;
      const holder = byKey.get(key);
      if (holder === undefined) byKey.set(key, entry);
      else if (holder !== entry) collisions.push(`${form} (${key}) of ${entry.uk} is ${holder.uk}`);
    }
  }
  return { byKey, collisions };
}

/** The index of the shipped table, built once at module load. */
export const GIVEN_NAME_INDEX: GivenNameIndex = buildGivenNameIndex(GIVEN_NAMES);

const canonicalKeys = new Map<GivenNameEntry, string>(
  GIVEN_NAMES.map((entry) => [entry, skeletonWords(entry.uk).join('')]),
);

/** The key every form of an entry shares: the skeleton of its Ukrainian form. */
export function canonicalKeyOf(entry: GivenNameEntry): string {
  return canonicalKeys.get(entry) ?? skeletonWords(entry.uk).join('');
}
