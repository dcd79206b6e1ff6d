/**
 * A coarse form of a name that a Cyrillic spelling and its usual Latin transliterations share,
 * so that a search typed in either script finds the other: "Oleksandr" and "Олександр" both
 * become "oleksandr", "Yuliia" and "Юлія" both "ula". Letters that transliterations tell apart
 * only by digraphs collapse (г/ґ/h/g; и/і/ї/й/ы/y; е/є/э; ж/з; ц/ч; ш/щ/с), and the soft sign
 * and apostrophes go. It finds more than it should, never less: it serves search, not matching.
 */

// Each Cyrillic letter's skeleton letter; the signs in DROPPED are left out.
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
 * я, ю, є are written ia, iu, ie (or ya, yu, ye) in Latin, and і or и before а, у, е is written
 * alike, so a skeleton drops the "i" before a, u and e and cannot tell them apart.
 */
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

// What each skeleton letter may have been written as, in either script: the inverse of the maps
// above, with the "i" a skeleton drops before a, u and e, and a soft sign after any letter.
const SPELLINGS: Readonly<Record<string, string>> = {
  a: '[іиiy]?[аяa]',
  b: '[бb]',
  c: '(?:[цч]|ts|tz|ch|c)',
  d: '[дd]',
  e: '[іиiy]?[еєэёe]',
  f: '[фf]',
  g: '[гґgh]',
  i: '[иіїыйiyj]',
  k: '[кkq]',
  l: '[лl]',
  m: '[мm]',
  n: '[нn]',
  o: '[оo]',
  p: '[пp]',
  r: '[рr]',
  s: '(?:[сшщ]|shch|sch|shh|sh|s)',
  t: '[тt]',
  u: '[іиiy]?[уюu]',
  v: '[вvw]',
  x: '(?:х|kh|x)',
  z: '(?:[жз]|zh|z)',
};

/**
 * A regular expression (PostgreSQL's and JavaScript's alike, to be matched without regard to
 * case) that finds, in a name written in either script, the text whose skeleton is `skeleton`:
 * the database matches names against it as they are stored, with no skeleton to compute per line.
 */
export function skeletonPattern(skeleton: string): string {
  const sign = "[ьъ'’ʼ`]?";
  return [...skeleton]
    .map((letter) => (SPELLINGS[letter] ?? letter.replace(/[\\^$.|?*+()[\]{}-]/g, '\\$&')) + sign)
    .join('');
}
