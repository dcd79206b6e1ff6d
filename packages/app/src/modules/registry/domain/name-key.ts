/**
 * The name key: a coarse form of the stored names that the database computes with one
 * `translate()` (migration 0029, column `list_line.name_key`) and indexes by trigrams, so that a
 * name search across scripts reads only the lines whose key may hold the name, and checks those
 * against the exact pattern of its spellings (name-skeleton.ts, skeletonPattern).
 *
 * It is made letter by letter, never from digraphs: a name's key therefore holds, as a
 * substring, the key of every part of the name. So each spelling the pattern finds has a key the
 * key pattern finds, and the key never makes a search find less than the pattern alone.
 */

/** The letters the key maps, and what to; a letter past the end of KEY_TO is left out. */
export const KEY_FROM = "абвгґдеєёэжзклмнопрстуфхцчшщюяqwxьъ'’ʼ`іиїыйiyjh";
export const KEY_TO = 'abvggdeeeezzklmnoprstufkccssuakvk';

const KEY_MAP = new Map([...KEY_FROM].map((letter, i) => [letter, KEY_TO[i] ?? '']));

/** The key of a text, as the database computes it from the stored lower-case names. */
export function nameKey(text: string): string {
  let key = '';
  for (const letter of text.toLowerCase()) key += KEY_MAP.get(letter) ?? letter;
  return key;
}

// What each skeleton letter's spellings (name-skeleton.ts, SPELLINGS) become in a key, the
// optional "i" before a, e, u and the optional soft sign left out as the key leaves them out.
const KEY_SPELLINGS: Readonly<Record<string, string>> = {
  c: '(?:c|ts|tz)', // ц, ч, c, ch; ts, tz
  g: 'g?', // г, ґ, g; h
  i: '', // и, і, ї, ы, й, i, y, j
  s: 'sc?', // с, ш, щ, s, sh, shh; sch, shch
  x: 'k', // х, kh, x
};

/**
 * A regular expression (PostgreSQL's and JavaScript's alike, case-sensitive on a key) that
 * finds, in a key, the key of every text that skeletonPattern(skeleton) finds.
 */
export function keyPattern(skeleton: string): string {
  return [...skeleton]
    .map((letter) => {
      if (letter in KEY_SPELLINGS) return KEY_SPELLINGS[letter]!;
      return nameKey(letter).replace(/[\\^$.|?*+()[\]{}-]/g, '\\$&');
    })
    .join('');
}
