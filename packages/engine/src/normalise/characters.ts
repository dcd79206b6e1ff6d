// Character classes and tables shared by normalisation, transliteration and name keys. Built once
// at module load so that per-call work is a map lookup per character.

/** Apostrophe-like code points people type inside Ukrainian and Belarusian names. */
export const APOSTROPHES: ReadonlySet<string> = new Set([
  '\u0027', // '
  '\u2019', // ’ right single quotation mark, the typographic apostrophe
  '\u02BC', // ʼ modifier letter apostrophe, the one Ukrainian orthography prefers
  '\u0060', // ` grave accent, a common keyboard substitute
  '\u2018', // ‘
  '\u00B4', // ´
  '\u02B9', // ʹ modifier prime, also used for the soft sign in ALA-LC
]);

/** Hyphen and dash code points that all stand for the hyphen of a compound name. */
export const DASHES: ReadonlySet<string> = new Set([
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '\u2015',
  '\u2043',
  '\u2212',
  '\uFE58',
  '\uFE63',
  '\uFF0D',
]);

/** Code points removed outright: zero-width characters and the soft hyphen. */
export const INVISIBLES: ReadonlySet<string> = new Set([
  '\u00AD',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
]);

/** Whether the UTF-16 unit is a Cyrillic letter (base and supplement blocks, no signs). */
export function isCyrillicLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 0x0400 && c <= 0x0481) || (c >= 0x048a && c <= 0x052f);
}

/** Whether the UTF-16 unit is a Latin letter (ASCII, Latin-1, Extended-A/B, Extended Additional). */
export function isLatinLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x1e00 && c <= 0x1eff);
}

/** Whether the UTF-16 unit is a combining diacritical mark. */
export function isCombiningMark(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    (c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x20d0 && c <= 0x20ff)
  );
}

// Letters that look alike in the two scripts. Lower-case pairs only where the glyphs are truly
// confusable in print; upper case adds the capitals that differ only in lower case (В/B, Н/H...).
const LATIN_TO_CYRILLIC_PAIRS: readonly (readonly [string, string])[] = [
  ['a', 'а'],
  ['c', 'с'],
  ['e', 'е'],
  ['i', 'і'],
  ['k', 'к'],
  ['o', 'о'],
  ['p', 'р'],
  ['x', 'х'],
  ['y', 'у'],
  ['ë', 'ё'],
  ['ï', 'ї'],
  ['A', 'А'],
  ['B', 'В'],
  ['C', 'С'],
  ['E', 'Е'],
  ['H', 'Н'],
  ['I', 'І'],
  ['K', 'К'],
  ['M', 'М'],
  ['O', 'О'],
  ['P', 'Р'],
  ['T', 'Т'],
  ['X', 'Х'],
  ['Y', 'У'],
  ['Ë', 'Ё'],
  ['Ï', 'Ї'],
];

const CYRILLIC_ONLY_TO_LATIN_PAIRS: readonly (readonly [string, string])[] = [
  ['ѕ', 's'],
  ['ј', 'j'],
  ['һ', 'h'],
  ['ԁ', 'd'],
  ['ԛ', 'q'],
  ['ԝ', 'w'],
  ['Ѕ', 'S'],
  ['Ј', 'J'],
];

/** Latin letter → the Cyrillic letter it is mistaken for. */
export const LATIN_TO_CYRILLIC: ReadonlyMap<string, string> = new Map(LATIN_TO_CYRILLIC_PAIRS);

/** Cyrillic letter → the Latin letter it is mistaken for. */
export const CYRILLIC_TO_LATIN: ReadonlyMap<string, string> = new Map([
  ...LATIN_TO_CYRILLIC_PAIRS.map(([latin, cyrillic]) => [cyrillic, latin] as const),
  ...CYRILLIC_ONLY_TO_LATIN_PAIRS,
]);

// Letters whose diacritic-free form is not their NFD base letter.
const STRIP_SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  ŀ: 'l',
  Ŀ: 'L',
};

function buildStripTable(): ReadonlyMap<string, string> {
  const table = new Map<string, string>(Object.entries(STRIP_SPECIAL));
  const ranges: readonly (readonly [number, number])[] = [
    [0xc0, 0x24f],
    [0x1e00, 0x1eff],
  ];
  for (const [from, to] of ranges) {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      if (table.has(ch)) continue;
      let base = '';
      for (const part of ch.normalize('NFD')) if (!isCombiningMark(part)) base += part;
      if (base !== ch && base.length > 0) table.set(ch, base);
    }
  }
  return table;
}

/** Latin letter with diacritics → its plain form (š → s, ß → ss); absent letters are plain. */
export const LATIN_STRIP: ReadonlyMap<string, string> = buildStripTable();
