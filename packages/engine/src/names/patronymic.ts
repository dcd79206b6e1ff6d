// Patronymics are formed from the father's given name by regular rules that differ between
// Ukrainian (-ович/-івна), Russian (-ович/-овна, -евич/-евна, -ич/-ична) and Belarusian
// (-авіч/-аўна). We generate every patronymic of every male name in the table in all three
// languages, index their skeletons, and fall back to stripping a suffix for names outside it.
import { canonicalKeyOf, GIVEN_NAME_INDEX } from './given-name-index.ts';
import { MALE_GIVEN_NAMES } from './given-names.data.ts';
import type { GivenNameEntry } from './given-names.data.ts';
import { skeletonWords } from './skeleton.ts';

// Irregular patronymics that the rules below do not produce.
const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  лев: ['львович', 'львовна'],
  павел: ['павлович', 'павловна'],
  пётр: ['петрович', 'петровна'],
  петр: ['петрович', 'петровна'],
  яков: ['яковлевич', 'яковлевна'],
  яків: ['якович', 'яківна'],
  михаил: ['михайлович', 'михайловна'],
  гавриил: ['гаврилович', 'гавриловна'],
  микола: ['миколайович', 'миколаївна'],
};

const HUSHING = new Set(['ж', 'ш', 'ч', 'щ', 'ц']);

function ukrainianPatronymics(name: string): string[] {
  const stem = name.slice(0, -1);
  const last = name.slice(-1);
  switch (last) {
    case 'о':
      return [stem + 'ович', stem + 'івна'];
    case 'й':
      return [name + 'ович', stem + 'ївна'];
    case 'ь':
      return [name + 'ович', stem + 'івна'];
    case 'а':
      return [stem + 'ович', stem + 'івна', stem + 'ич'];
    case 'я':
      return [stem + 'іч', stem + 'івна'];
    default: {
      const forms = [name + 'ович', name + 'івна'];
      // Федір → Федорович, Сидір → Сидорович: і of a closed last syllable is о elsewhere.
      const i = name.lastIndexOf('і');
      if (i > 0 && i >= name.length - 3) {
        const alternated = name.slice(0, i) + 'о' + name.slice(i + 1);
        forms.push(alternated + 'ович', alternated + 'івна');
      }
      return forms;
    }
  }
}

function russianPatronymics(name: string): string[] {
  const stem = name.slice(0, -1);
  const last = name.slice(-1);
  if (name.endsWith('ий')) {
    // Дмитрий → Дмитриевич, Василий → Васильевич: both patterns occur.
    const root = name.slice(0, -2);
    return [stem + 'евич', stem + 'евна', root + 'ьевич', root + 'ьевна'];
  }
  switch (last) {
    case 'й':
    case 'ь':
      return [stem + 'евич', stem + 'евна'];
    case 'а':
    case 'я':
      return [stem + 'ич', stem + 'ична', stem + 'инична', stem + 'ович', stem + 'овна'];
    default:
      return HUSHING.has(last) ? [name + 'евич', name + 'евна'] : [name + 'ович', name + 'овна'];
  }
}

function belarusianPatronymics(name: string): string[] {
  const stem = name.slice(0, -1);
  const last = name.slice(-1);
  switch (last) {
    case 'й':
    case 'ь':
      return [stem + 'евіч', stem + 'еўна'];
    case 'а':
    case 'я':
      return [stem + 'іч', stem + 'ічна'];
    default:
      return [name + 'авіч', name + 'аўна'];
  }
}

/** Every Ukrainian, Russian and Belarusian patronymic, both sexes, of a male entry. */
export function patronymicsOf(entry: GivenNameEntry): string[] {
  const forms: string[] = [];
  const add = (name: string, rules: (name: string) => string[]): void => {
    const lower = name.toLowerCase();
    forms.push(...rules(lower), ...(IRREGULAR[lower] ?? []));
  };
  add(entry.uk, ukrainianPatronymics);
  add(entry.ru, russianPatronymics);
  for (const alt of entry.alt) {
    add(alt, ukrainianPatronymics);
    add(alt, russianPatronymics);
  }
  if (entry.be !== undefined) add(entry.be, belarusianPatronymics);
  return forms;
}

/** Skeleton → entry for every generated patronymic, and the skeletons two entries claimed. */
export function buildPatronymicIndex(entries: readonly GivenNameEntry[]): {
  readonly byKey: ReadonlyMap<string, GivenNameEntry>;
  readonly collisions: readonly string[];
} {
  const byKey = new Map<string, GivenNameEntry>();
  const collisions: string[] = [];
  for (const entry of entries) {
    for (const form of patronymicsOf(entry)) {
      const key = skeletonWords(form).join('');
      const holder = byKey.get(key);
      if (holder === undefined) byKey.set(key, entry);
      else if (holder !== entry) collisions.push(`${form} (${key}) of ${entry.uk} is ${holder.uk}`);
    }
  }
  return { byKey, collisions };
}

const PATRONYMIC_INDEX = buildPatronymicIndex(MALE_GIVEN_NAMES).byKey;

// Patronymic suffixes as skeletons, longest first (š stands for ч, u for ў).
const SUFFIXES: readonly string[] = [
  'inišna',
  'ioviš',
  'oviš',
  'eviš',
  'aviš',
  'ivna',
  'ovna',
  'evna',
  'avna',
  'auna',
  'euna',
  'išna',
  'iš',
];
// Endings of the father's name that the suffix swallowed: Сергі|йович, Петр|ович (Петро),
// Серге|евич (Сергей), Ілл|іч (Ілля), Кузьм|ич (Кузьма), Микола|йович.
const RESTORED_ENDINGS: readonly string[] = ['', 'i', 'o', 'a', 'ia', 'ei', 'ai'];

function fatherKey(word: string): string {
  const entry = PATRONYMIC_INDEX.get(word);
  if (entry !== undefined) return canonicalKeyOf(entry);
  const suffix = SUFFIXES.find(
    (candidate) => word.length > candidate.length + 1 && word.endsWith(candidate),
  );
  if (suffix === undefined) {
    const given = GIVEN_NAME_INDEX.byKey.get(word);
    return given === undefined ? word : canonicalKeyOf(given);
  }
  const stem = word.slice(0, word.length - suffix.length);
  for (const ending of RESTORED_ENDINGS) {
    const given = GIVEN_NAME_INDEX.byKey.get(stem + ending);
    if (given?.sex === 'male') return canonicalKeyOf(given);
  }
  return stem;
}

/** The given-name key of the father named by a patronymic, in any language and script. */
export function patronymicKey(text: string): string {
  return skeletonWords(text).map(fatherKey).join(' ');
}
