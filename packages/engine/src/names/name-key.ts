import { canonicalKeyOf, GIVEN_NAME_INDEX } from './given-name-index.ts';
import type { GivenNameEntry } from './given-names.data.ts';
import { skeleton, skeletonWords } from './skeleton.ts';

/** The script-independent comparison key of a name: its words' phonetic skeletons. */
export function nameKey(text: string): string {
  return skeleton(text);
}

/** The table entry of a one-word given name in any script or spelling, if the table has it. */
export function lookupGivenName(text: string): GivenNameEntry | undefined {
  const words = skeletonWords(text);
  return words.length === 1 ? GIVEN_NAME_INDEX.byKey.get(words[0]!) : undefined;
}

/** The key of given names, equal for Ukrainian, Russian, Belarusian and Latin forms of one name. */
export function givenNameKey(text: string): string {
  return skeletonWords(text)
    .map((word) => {
      const entry = GIVEN_NAME_INDEX.byKey.get(word);
      return entry === undefined ? word : canonicalKeyOf(entry);
    })
    .join(' ');
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

function withEnding(word: string, cut: number, ending: string): string {
  const stem = word.slice(0, word.length - cut);
  // The ending's first symbol may repeat the stem's last one (син-яя → sini-i): collapse it.
  return stem.endsWith(ending[0] ?? '') ? stem + ending.slice(1) : stem + ending;
}

// Feminine surname endings, most specific first, each with the masculine ending that replaces it.
const FEMININE_ENDINGS: readonly (readonly [string, string])[] = [
  ['skaia', 'ski'], // -ская, -skaya
  ['ckaia', 'cki'], // -цкая
  ['zkaia', 'zki'],
  ['ska', 'ski'], // -ська, -ska
  ['cka', 'cki'], // -цька
  ['zka', 'zki'],
  ['ova', 'ov'], // -ова, -ova, -owa
  ['eva', 'ev'], // -ева, -єва, -ёва
  ['ina', 'in'], // -ина, -іна, -ына
  ['aia', 'i'], // -ая, -яя (Russian adjectival)
];

function masculineOf(word: string): string {
  for (const [feminine, masculine] of FEMININE_ENDINGS) {
    if (word.length > feminine.length + 1 && word.endsWith(feminine)) {
      return withEnding(word, feminine.length, masculine);
    }
  }
  const n = word.length;
  // Belarusian -оў, -еў are Russian -ов, -ев (Іваноў, Ivanou ~ Иванов).
  if (n > 3 && (word.endsWith('ou') || word.endsWith('eu'))) return word.slice(0, -1) + 'v';
  // Russian -ой (Толстой) pairs with -ая like -ый does.
  if (n > 3 && word.endsWith('oi')) return withEnding(word, 2, 'i');
  // Ukrainian adjectival -а after a consonant pairs with -ий (Біла/Білий, Чорна/Чорний).
  if (n > 3 && word[n - 1] === 'a' && !VOWELS.has(word[n - 2]!)) return withEnding(word, 1, 'i');
  return word;
}

/** The key of surnames, equal for the masculine and feminine forms of one surname. */
export function surnameKey(text: string): string {
  return skeletonWords(text).map(masculineOf).join(' ');
}

/**
 * A coarser surname key that also meets the Ukrainian and Russian forms of one surname, which
 * differ in their vowels (Олійник/Олейник, Білий/Белый, Чорний/Черный, Слюсар/Слесарь): the
 * surname key's consonants, after its first letter, each run once.
 */
export function surnameFormKey(text: string): string {
  return surnameKey(text)
    .split(' ')
    .map((word) => {
      let out = word.slice(0, 1);
      for (let i = 1; i < word.length; i++) {
        const ch = word[i]!;
        if (!VOWELS.has(ch) && ch !== out[out.length - 1]) out += ch;
      }
      return out;
    })
    .join(' ');
}

/**
 * The text with each Latin x read as х: GOST 7.79 B writes х as x (Xarchenko, Mixajlovich), while
 * English habit writes кс as x (Maxim, Alexeev), which is how the skeleton reads it. A name with
 * an x has both readings, and either may meet the other list's name. Null without a Latin x.
 */
export function latinXAsKh(text: string): string | null {
  return /x/i.test(text) ? text.replace(/x/g, 'kh').replace(/X/g, 'Kh') : null;
}
