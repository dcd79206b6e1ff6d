// The equivalence table of East Slavic given names.
//
// Sources: compiled by hand for this project, from the compiler's own knowledge, without
// downloading or copying any list. The Ukrainian and Russian forms follow the Orthodox calendar
// of names (святці) as each language renders it, and current usage in Ukraine, Russia and
// Belarus, including names of Tatar, Bashkir, Caucasian and Armenian origin that are common
// among Russian citizens. Belarusian forms are given only where the compiler was sure of them.
// Latin spellings are the official romanisations (KMU 2010 for Ukrainian; ICAO 9303 and
// BGN/PCGN for Russian; the Belarusian national system) plus common informal, German, Polish and
// English spellings. Diminutives (Саша, Женя, Сашко) are deliberately left out: they name many
// full names at once. The order is roughly most common first by general impression of
// Ukrainian and Russian usage; it is not taken from a frequency statistic.

import { FEMALE_ROWS } from './given-names-female.data.ts';
import { MALE_ROWS } from './given-names-male.data.ts';

/** The grammatical gender of a given name. */
export type NameSex = 'male' | 'female';

/** One given name in its Ukrainian, Russian and Belarusian forms and its Latin spellings. */
export interface GivenNameEntry {
  readonly uk: string;
  readonly ru: string;
  readonly be: string | undefined;
  readonly latin: readonly string[];
  /** Other full (not diminutive) Cyrillic spellings and forms of the same name. */
  readonly alt: readonly string[];
  readonly sex: NameSex;
}

const words = (field: string | undefined): string[] =>
  (field ?? '').split(' ').filter((word) => word.length > 0);

function parseRow(row: string, sex: NameSex): GivenNameEntry {
  const [uk, ru, be, latin, alt] = row.split('|').map((field) => field.trim());
  if (uk === undefined || ru === undefined || uk === '' || ru === '') {
    throw new Error(`given-name row without Ukrainian and Russian forms: ${row}`);
  }
  return { uk, ru, be: be === '' ? undefined : be, latin: words(latin), alt: words(alt), sex };
}

/** Male given names, roughly most common first. */
export const MALE_GIVEN_NAMES: readonly GivenNameEntry[] = MALE_ROWS.map((row) =>
  parseRow(row, 'male'),
);

/** Female given names, roughly most common first. */
export const FEMALE_GIVEN_NAMES: readonly GivenNameEntry[] = FEMALE_ROWS.map((row) =>
  parseRow(row, 'female'),
);

/** Every entry of the table, male first. */
export const GIVEN_NAMES: readonly GivenNameEntry[] = [...MALE_GIVEN_NAMES, ...FEMALE_GIVEN_NAMES];

/** All Cyrillic and Latin forms of an entry, the Ukrainian form first. */
export function formsOf(entry: GivenNameEntry): string[] {
  const forms = [entry.uk, entry.ru, ...entry.alt, ...entry.latin];
  if (entry.be !== undefined) forms.push(entry.be);
  return forms;
}
