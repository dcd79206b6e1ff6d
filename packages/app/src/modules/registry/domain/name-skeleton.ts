/**
 * A coarse form of a name that a Cyrillic spelling and its usual Latin transliterations share,
 * so that a search typed in either script finds the other: "Oleksandr" and "Олександр" both
 * become "oleksandr", "Yuliia" and "Юлія" both "ulia". Letters that transliterations tell apart
 * only by digraphs collapse (г/ґ/h/g; и/і/ї/й/ы/y; е/є/э; ж/з; ц/ч; ш/щ/с), and the soft sign
 * and apostrophes go. It finds more than it should, never less: it serves search, not matching.
 */

// Each Cyrillic letter's skeleton letter; the signs at the end are dropped.
const CYRILLIC: ReadonlyArray<readonly [string, string]> = [
  ['а', 'a'],
  ['б', 'b'],
  ['в', 'v'],
  ['г', 'g'],
  ['ґ', 'g'],
  ['д', 'd'],
  ['е', 'e'],
  ['є', 'e'],
  ['ё', 'e'],
  ['э', 'e'],
  ['ж', 'z'],
  ['з', 'z'],
  ['и', 'i'],
  ['і', 'i'],
  ['ї', 'i'],
  ['ы', 'i'],
  ['й', 'i'],
  ['к', 'k'],
  ['л', 'l'],
  ['м', 'm'],
  ['н', 'n'],
  ['о', 'o'],
  ['п', 'p'],
  ['р', 'r'],
  ['с', 's'],
  ['т', 't'],
  ['у', 'u'],
  ['ф', 'f'],
  ['х', 'x'],
  ['ц', 'c'],
  ['ч', 'c'],
  ['ш', 's'],
  ['щ', 's'],
  ['ю', 'u'],
  ['я', 'a'],
];
const DROPPED = "ьъ'’ʼ`";

/**
 * The arguments of SQL's translate(lower(column), from, to) that give a Cyrillic column's
 * letters: the letters of `from` past the length of `to` are deleted. The skeleton is that with
 * each "i" before a, u or e dropped (see COLLAPSED), as replace() does it in SQL.
 */
export const SQL_SKELETON = {
  from: CYRILLIC.map(([c]) => c).join('') + DROPPED,
  to: CYRILLIC.map(([, s]) => s).join(''),
} as const;

/**
 * The pairs that lose their "i": я, ю, є are written ia, iu, ie (or ya, yu, ye) in Latin, and
 * і or и before а, у, е is written alike, so a skeleton cannot tell them apart.
 */
export const COLLAPSED = ['ia', 'iu', 'ie'] as const;
const collapse = (text: string) => text.replace(/i([aue])/g, '$1');

const CYRILLIC_MAP = new Map(CYRILLIC);

// Latin digraphs first (longest first), then single letters; what is not listed stays.
const LATIN: Readonly<Record<string, string>> = {
  shch: 's',
  sch: 's',
  shh: 's',
  kh: 'x',
  zh: 'z',
  ts: 'c',
  tz: 'c',
  ch: 'c',
  sh: 's',
  yu: 'u',
  iu: 'u',
  ju: 'u',
  ya: 'a',
  ia: 'a',
  ja: 'a',
  ye: 'e',
  ie: 'e',
  je: 'e',
  yi: 'i',
  h: 'g',
  y: 'i',
  j: 'i',
  w: 'v',
  q: 'k',
};
const LATIN_TOKEN = new RegExp(
  `${Object.keys(LATIN)
    .sort((a, b) => b.length - a.length)
    .join('|')}|[${DROPPED}]`,
  'g',
);

/** The skeleton of a search text in either script: a text with Cyrillic letters is read letter by letter, a Latin one through its digraphs. */
export function nameSkeleton(text: string): string {
  const lower = text.toLowerCase();
  if (!/[\u0400-\u04ff]/.test(lower))
    return collapse(lower.replace(LATIN_TOKEN, (token) => LATIN[token] ?? ''));
  let skeleton = '';
  for (const char of lower) {
    if (!DROPPED.includes(char)) skeleton += CYRILLIC_MAP.get(char) ?? char;
  }
  return collapse(skeleton);
}
