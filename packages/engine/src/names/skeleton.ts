// The phonetic skeleton behind every name key. Cyrillic and Latin spellings are mapped onto one
// small alphabet in which the usual romanisation differences vanish:
//   š  ш ж ч щ and sh, zh, ch, sch, tch, tsch, sz, cz, š, ž, č
//   h  г ґ х and h, g, kh, gh (Ukrainian г is h, Russian г is g, х is kh or h)
//   c  ц and ts, tz, c before e/i/y
//   i  и і ї й ы and i, y, j (so -ий, -iy, -yi, -y, -ii all end in i)
//   e  е є э ё and e, ye, ie, je (an i-glide before e is dropped everywhere)
//   v  в and v, w; a final -off/-eff is -ov/-ev
//   u  у ў and u, ŭ, French ou (Belarusian ў is u in passports: Yauhen, Ivanou)
// Runs of one symbol collapse (nn, ll, ii), soft and hard signs and apostrophes vanish.
// The price is a few false meetings (Шуков ~ Жуков); the comparison stage weighs those. Known
// misses: ch is read as ш/ч (English, French), so Czech, Polish and German ch for х (Chmelnyckyj,
// Michailow) and Czech c before a consonant (-ckyj) do not meet; the given-name table lists such
// spellings of given names explicitly. GOST 7.79 B's cz for ц is not folded (cz is Polish ч);
// its x for х is a name's second reading (latinXAsKh in name-key.ts), x itself reads as ks.
import { isCyrillicLetter, LATIN_STRIP } from '../normalise/characters.ts';
import { normaliseText } from '../normalise/normalise-text.ts';

const CYRILLIC: ReadonlyMap<string, string> = new Map(
  Object.entries({
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'h',
    ґ: 'h',
    д: 'd',
    е: 'e',
    ё: 'e',
    є: 'ie',
    ж: 'š',
    з: 'z',
    и: 'i',
    і: 'i',
    ї: 'i',
    й: 'i',
    к: 'k',
    л: 'l',
    м: 'm',
    н: 'n',
    о: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ў: 'u',
    ф: 'f',
    х: 'h',
    ц: 'c',
    ч: 'š',
    ш: 'š',
    щ: 'š',
    ъ: '',
    ы: 'i',
    ь: '',
    э: 'e',
    ю: 'iu',
    я: 'ia',
    ђ: 'd',
    ј: 'i',
    љ: 'l',
    њ: 'n',
    ћ: 'c',
    џ: 'š',
    ѓ: 'h',
    ќ: 'k',
    ѕ: 'z',
  }),
);

// Latin letters whose diacritic carries a Slavic sound (Czech, Polish, ISO 9, Turkish,
// Romanian) are spelled out before the digraph rules run; other diacritics are dropped.
const LATIN_FOLD: ReadonlyMap<string, string> = new Map([
  ...LATIN_STRIP,
  ...Object.entries({
    š: 'sh',
    ž: 'zh',
    č: 'ch',
    ć: 'ch',
    ĉ: 'ch',
    ŝ: 'shch',
    ż: 'zh',
    ẑ: 'zh',
    ş: 'sh',
    ș: 'sh',
    ţ: 'ts',
    ț: 'ts',
    ŭ: 'u',
    â: 'ja',
    û: 'ju',
  }),
]);

// Marks inside a word that never separate words: the apostrophe (already unified), romanised
// hard and soft signs, quotation marks used for them, the BGN/PCGN middle dot.
const IGNORABLE: ReadonlySet<string> = new Set([
  "'",
  '"',
  '`',
  '\u00B4',
  '\u201C',
  '\u201D',
  '\u02BA',
  '\u02B9',
  '·',
]);

const LETTER = /\p{L}/u;

function push(out: string[], symbol: string): void {
  const last = out[out.length - 1];
  // тс and тз are heard as ц, тч and тш as ч (so ts/tz/tch/tsch agree with Cyrillic), сч and
  // зж as щ/ж.
  if (last === 't' && (symbol === 's' || symbol === 'z' || symbol === 'š')) {
    out.pop();
    push(out, symbol === 'š' ? 'š' : 'c');
  } else if ((last === 's' || last === 'z') && symbol === 'š') {
    out.pop();
    push(out, 'š');
  } else if (last === 'i' && symbol === 'e') {
    // ye/ie/je/є/ье/ие all become e: Yevhen = Evgen, Vasiliev = Vasilev = Васильєв.
    out.pop();
    push(out, 'e');
  } else if (last !== symbol) {
    out.push(symbol);
  }
}

function readLatin(word: string, i: number, out: string[]): number {
  const ch = word[i]!;
  const next = word[i + 1];
  switch (ch) {
    case 's':
      if (next === 'h' || next === 'z') return (push(out, 'š'), i + 2);
      if (next === 'c' && word[i + 2] === 'h') return (push(out, 'š'), i + 3);
      return (push(out, 's'), i + 1);
    case 'c':
      if (next === 'h' || next === 'z') return (push(out, 'š'), i + 2);
      return (push(out, next === 'e' || next === 'i' || next === 'y' ? 'c' : 'k'), i + 1);
    case 'z':
      return next === 'h' ? (push(out, 'š'), i + 2) : (push(out, 'z'), i + 1);
    case 'k':
      return next === 'h' ? (push(out, 'h'), i + 2) : (push(out, 'k'), i + 1);
    case 'p':
      return next === 'h' ? (push(out, 'f'), i + 2) : (push(out, 'p'), i + 1);
    case 't':
      if (next === 'h') return (push(out, 't'), i + 2);
      // tz is ц, but in tzh the z belongs to zh (ж after т: Хвостжаренко, Khvostzharenko).
      if (next === 'z' && word[i + 2] !== 'h') return (push(out, 'c'), i + 2);
      return (push(out, 't'), i + 1);
    case 'o':
      // French ou is у (Oustinov, Youri); a final -ou is Belarusian -оў (Ivanou).
      return next === 'u' && i + 2 < word.length
        ? (push(out, 'u'), i + 2)
        : (push(out, 'o'), i + 1);
    case 'x':
      push(out, 'k');
      return (push(out, 's'), i + 1);
    case 'g':
      return (push(out, 'h'), i + 1);
    case 'q':
      return (push(out, 'k'), i + 1);
    case 'w':
      return (push(out, 'v'), i + 1);
    case 'j':
    case 'y':
      return (push(out, 'i'), i + 1);
    default:
      return (push(out, ch), i + 1);
  }
}

function skeletonOfWord(word: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < word.length) {
    const symbols = CYRILLIC.get(word[i]!);
    if (symbols === undefined) {
      i = readLatin(word, i, out);
      continue;
    }
    for (let k = 0; k < symbols.length; k++) push(out, symbols[k]!);
    i++;
  }
  const n = out.length;
  // Smirnoff, Romanoff: the old French and English spelling of -ов.
  if (n > 2 && out[n - 1] === 'f' && (out[n - 2] === 'o' || out[n - 2] === 'e')) out[n - 1] = 'v';
  return out.join('');
}

/** Splits normalised text into words with Latin diacritics folded; separators drop out. */
function foldedWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if ((code >= 0x61 && code <= 0x7a) || isCyrillicLetter(ch)) {
      word += ch;
    } else if (code >= 0x0300 && code <= 0x036f) {
      continue;
    } else if (IGNORABLE.has(ch)) {
      continue;
    } else if (code >= 0xc0 && LATIN_FOLD.has(ch)) {
      word += LATIN_FOLD.get(ch)!;
    } else if (code >= 0x80 && LETTER.test(ch)) {
      word += ch;
    } else if (word.length > 0) {
      words.push(word);
      word = '';
    }
  }
  if (word.length > 0) words.push(word);
  return words;
}

/** The phonetic skeleton of each word of a name, in order; empty words are left out. */
export function skeletonWords(text: string): string[] {
  const words: string[] = [];
  for (const word of foldedWords(normaliseText(text))) {
    const skeleton = skeletonOfWord(word);
    if (skeleton.length > 0) words.push(skeleton);
  }
  return words;
}

/** The phonetic skeleton of a whole name: its words' skeletons joined by single spaces. */
export function skeleton(text: string): string {
  return skeletonWords(text).join(' ');
}
