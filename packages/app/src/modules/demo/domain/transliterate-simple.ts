/** The source language of a Cyrillic text, which decides the romanisation table. */
export type TranslitLanguage = 'uk' | 'ru';

type Table = Readonly<Record<string, string>>;

// KMU resolution 55 of 2010, the table of Ukrainian passports
const UK: Table = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'g', д: 'd', е: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'y',
  і: 'i', ї: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's',
  т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ь: '', ю: 'iu',
  я: 'ia', "'": '', '’': '', 'ʼ': '',
}; // prettier-ignore

const UK_WORD_START: Table = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

// ICAO Doc 9303 as Russian passports use it, with the Y- forms at the start of a word
const RU: Table = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu',
  я: 'ia',
}; // prettier-ignore

const RU_WORD_START: Table = { й: 'y', ю: 'yu', я: 'ya' };

const LETTER = /[\p{L}'’ʼ]/u;
const APOSTROPHES: ReadonlySet<string> = new Set(["'", '’', 'ʼ']);

/** Romanises Ukrainian (KMU 2010) or Russian (passport ICAO) Cyrillic, keeping the capitalisation. */
export function transliterate(text: string, language: TranslitLanguage): string {
  const table = language === 'uk' ? UK : RU;
  const wordStart = language === 'uk' ? UK_WORD_START : RU_WORD_START;
  const original = Array.from(text);
  const lower = Array.from(text.toLowerCase());
  // lower-casing can change the length of exotic characters; then the case map is unreliable
  const caseKnown = lower.length === original.length;
  const textInCapitals = text === text.toUpperCase() && original.filter(isUpper).length > 1;
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i] ?? '';
    const previous = lower[i - 1];
    const atWordStart = previous === undefined || !LETTER.test(previous);
    let latin = (atWordStart ? wordStart[ch] : undefined) ?? table[ch];
    if (latin === undefined) {
      out += caseKnown ? (original[i] ?? ch) : ch;
      continue;
    }
    // KMU writes зг as zgh so that it does not read as ж (Згорани → Zghorany)
    if (language === 'uk' && ch === 'г' && previous === 'з') latin = 'gh';
    if (caseKnown && latin !== '' && isUpper(original[i])) {
      latin = isWordInCapitals(original, i, textInCapitals)
        ? latin.toUpperCase()
        : latin.charAt(0).toUpperCase() + latin.slice(1);
    }
    out += latin;
  }
  return out;
}

function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase();
}

// Щ in ЩУР is SHCH, in Щур Shch: decided by the nearest letter of the same word, and for a
// one-letter word (an initial) by whether the whole text is in capitals
function isWordInCapitals(chars: readonly string[], i: number, textInCapitals: boolean): boolean {
  const neighbour = nearestLetter(chars, i, 1) ?? nearestLetter(chars, i, -1);
  return neighbour === undefined ? textInCapitals : isUpper(neighbour);
}

function nearestLetter(chars: readonly string[], i: number, step: 1 | -1): string | undefined {
  for (let j = i + step; ; j += step) {
    const ch = chars[j];
    if (ch === undefined || !LETTER.test(ch)) return undefined;
    if (!APOSTROPHES.has(ch)) return ch;
  }
}
