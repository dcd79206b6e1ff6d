// Romanisation tables. Each scheme maps lower-case Cyrillic letters; rules that depend on the
// neighbouring letters live in `contextual`. Letters of the other East Slavic alphabets get the
// value the scheme's own documents give them, or the nearest analogue, so that mixed
// Ukrainian/Russian text never leaves Cyrillic behind.

/** Context of one letter: neighbours are lower-case Cyrillic letters, "'" or ''. */
export interface LetterContext {
  readonly prev: string;
  readonly next: string;
  /** First letter of a word (an apostrophe inside a word does not start one). */
  readonly isInitial: boolean;
}

/** A transliteration scheme: a letter table, context rules and the apostrophe's value. */
export interface Scheme {
  readonly letters: ReadonlyMap<string, string>;
  readonly contextual?: (letter: string, context: LetterContext) => string | undefined;
  /** What an apostrophe between two Cyrillic letters becomes. */
  readonly apostrophe: string;
}

const table = (entries: Readonly<Record<string, string>>): ReadonlyMap<string, string> =>
  new Map(Object.entries(entries));

const COMMON: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  д: 'd',
  ж: 'zh',
  з: 'z',
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
  ф: 'f',
  ч: 'ch',
  ш: 'sh',
};

// Cabinet of Ministers of Ukraine resolution No 55 of 27 January 2010. BGN/PCGN adopted it for
// Ukrainian in 2019, so it also serves 'uk-bgn-pcgn'.
const KMU_INITIAL = table({ є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya', ё: 'yo' });

const KMU_2010: Scheme = {
  letters: table({
    ...COMMON,
    г: 'h',
    ґ: 'g',
    е: 'e',
    є: 'ie',
    и: 'y',
    і: 'i',
    ї: 'i',
    й: 'i',
    х: 'kh',
    ц: 'ts',
    щ: 'shch',
    ь: '',
    ю: 'iu',
    я: 'ia',
    ё: 'io',
    ы: 'y',
    э: 'e',
    ъ: '',
    ў: 'u',
  }),
  contextual: (letter, { prev, isInitial }) => {
    // зг is written zgh so that it is not read as ж.
    if (letter === 'г' && prev === 'з') return 'gh';
    return isInitial ? KMU_INITIAL.get(letter) : undefined;
  },
  apostrophe: '',
};

// BGN/PCGN 1965 for Ukrainian: context-free, soft sign ’ and apostrophe ”.
const BGN_PCGN_UK_1965: Scheme = {
  letters: table({
    ...COMMON,
    г: 'h',
    ґ: 'g',
    е: 'e',
    є: 'ye',
    и: 'y',
    і: 'i',
    ї: 'yi',
    й: 'y',
    х: 'kh',
    ц: 'ts',
    щ: 'shch',
    ь: '\u2019',
    ю: 'yu',
    я: 'ya',
    ё: 'yo',
    ы: 'y',
    э: 'e',
    ъ: '\u201D',
    ў: 'w',
  }),
  apostrophe: '\u201D',
};

// ICAO Doc 9303 part 3 (Russian passports since 2013). One letter, one value.
const ICAO_9303: Scheme = {
  letters: table({
    ...COMMON,
    г: 'g',
    ґ: 'g',
    е: 'e',
    ё: 'e',
    є: 'ie',
    и: 'i',
    і: 'i',
    ї: 'i',
    й: 'i',
    х: 'kh',
    ц: 'ts',
    щ: 'shch',
    ъ: 'ie',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: 'iu',
    я: 'ia',
    ў: 'u',
  }),
  apostrophe: '',
};

const RU_VOWELS = new Set(['а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'і', 'ї', 'є']);
const RU_CONSONANTS = new Set([...'бвгджзклмнпрстфхцчшщ']);
const BGN_Y_AFTER = new Set([...RU_VOWELS, 'й', 'ъ', 'ь']);
const BGN_DOT_BEFORE = new Set(['а', 'у', 'ы', 'э']);

// BGN/PCGN 1947 for Russian, with the optional middle dot that keeps тс, шч, й/ы + vowel and
// consonant + э apart from digraphs.
const BGN_PCGN_RU: Scheme = {
  letters: table({
    ...COMMON,
    г: 'g',
    ґ: 'g',
    е: 'e',
    ё: 'ë',
    є: 'ye',
    и: 'i',
    і: 'i',
    ї: 'yi',
    й: 'y',
    х: 'kh',
    ц: 'ts',
    щ: 'shch',
    ъ: '\u201D',
    ы: 'y',
    ь: '\u2019',
    э: 'e',
    ю: 'yu',
    я: 'ya',
    ў: 'w',
  }),
  contextual: (letter, { prev, next, isInitial }) => {
    switch (letter) {
      case 'е':
        return isInitial || BGN_Y_AFTER.has(prev) ? 'ye' : undefined;
      case 'ё':
        return isInitial || BGN_Y_AFTER.has(prev) ? 'yë' : undefined;
      case 'й':
        return BGN_DOT_BEFORE.has(next) ? 'y·' : undefined;
      case 'ы': {
        const before = RU_VOWELS.has(prev) ? '·' : '';
        const after = BGN_DOT_BEFORE.has(next) ? '·' : '';
        return before + 'y' + after;
      }
      case 'э':
        return RU_CONSONANTS.has(prev) ? '·e' : undefined;
      case 'т':
        return next === 'с' ? 't·' : undefined;
      case 'ш':
        return next === 'ч' ? 'sh·' : undefined;
      default:
        return undefined;
    }
  },
  apostrophe: '',
};

// GOST 7.79-2000 system B (ASCII only). The standard writes ц as c before i, e, y, j and cz
// elsewhere; we apply that to the Latin value of the next letter.
const GOST_C_BEFORE = new Set(['е', 'и', 'й', 'ы', 'і', 'є', 'ї', 'э', 'ю', 'я']);

const GOST_779_B: Scheme = {
  letters: table({
    ...COMMON,
    г: 'g',
    ґ: 'g`',
    е: 'e',
    ё: 'yo',
    є: 'ye',
    и: 'i',
    і: 'i',
    ї: 'yi',
    й: 'j',
    х: 'x',
    ц: 'cz',
    щ: 'shh',
    ъ: '``',
    ы: 'y`',
    ь: '`',
    э: 'e`',
    ю: 'yu',
    я: 'ya',
    ў: 'u`',
  }),
  contextual: (letter, { next }) => (letter === 'ц' && GOST_C_BEFORE.has(next) ? 'c' : undefined),
  apostrophe: "'",
};

/** The supported transliteration systems, keyed by identifier. */
export const SCHEMES = {
  'uk-kmu-2010': KMU_2010,
  'uk-bgn-pcgn': KMU_2010,
  'uk-bgn-pcgn-1965': BGN_PCGN_UK_1965,
  'ru-icao-9303': ICAO_9303,
  'ru-bgn-pcgn': BGN_PCGN_RU,
  'ru-gost-7.79-b': GOST_779_B,
} as const satisfies Readonly<Record<string, Scheme>>;

/** Identifier of a transliteration system. */
export type TranslitSystem = keyof typeof SCHEMES;
