import { APOSTROPHES, isCyrillicLetter } from '../normalise/characters.ts';
import { fixLookalikes } from '../normalise/script.ts';
import { SCHEMES } from './schemes.ts';
import type { LetterContext, TranslitSystem } from './schemes.ts';

export type { TranslitSystem } from './schemes.ts';

/** Every supported transliteration system. */
export const TRANSLIT_SYSTEMS: readonly TranslitSystem[] = Object.keys(SCHEMES) as TranslitSystem[];

const lowerOf = (ch: string): string => {
  const lower = ch.toLowerCase();
  // Letters whose lower case is longer (İ) keep their own form: no scheme maps them anyway.
  return lower.length === 1 ? lower : ch;
};

const isCased = (ch: string): boolean => ch.toLowerCase() !== ch.toUpperCase();

// Marks each position that belongs to a word written in capitals throughout. A word needs two
// cased letters to count: a lone capital (Я, Щ) is taken as title case.
function allCapsMask(source: string, lower: readonly string[]): boolean[] {
  const mask = new Array<boolean>(source.length).fill(false);
  let i = 0;
  while (i < source.length) {
    if (!isCased(source[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let upper = 0;
    let lowerCount = 0;
    while (i < source.length && (isCased(source[i]!) || isInnerApostrophe(source, i))) {
      if (source[i] !== lower[i]) upper++;
      else if (isCased(source[i]!)) lowerCount++;
      i++;
    }
    if (upper >= 2 && lowerCount === 0) mask.fill(true, start, i);
  }
  return mask;
}

function isInnerApostrophe(source: string, i: number): boolean {
  return (
    APOSTROPHES.has(source[i]!) &&
    i > 0 &&
    i + 1 < source.length &&
    isCyrillicLetter(source[i - 1]!) &&
    isCyrillicLetter(source[i + 1]!)
  );
}

function capitalise(piece: string, allCaps: boolean): string {
  if (allCaps) return piece.toUpperCase();
  for (let k = 0; k < piece.length; k++) {
    const upper = piece[k]!.toUpperCase();
    if (upper !== piece[k]) return piece.slice(0, k) + upper + piece.slice(k + 1);
  }
  return piece;
}

/** Romanises Cyrillic text with the given system, keeping Title and ALL CAPS case. */
export function transliterate(text: string, system: TranslitSystem): string {
  const scheme = SCHEMES[system];
  const source = fixLookalikes(text.normalize('NFC'));
  const lower = Array.from({ length: source.length }, (_, i) => lowerOf(source[i]!));
  const caps = allCapsMask(source, lower);
  const neighbour = (i: number): string => {
    if (i < 0 || i >= source.length) return '';
    if (isInnerApostrophe(source, i)) return "'";
    return isCyrillicLetter(lower[i]!) ? lower[i]! : '';
  };
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const letter = lower[i]!;
    const plain = scheme.letters.get(letter);
    if (plain === undefined) {
      out += isInnerApostrophe(source, i) ? scheme.apostrophe : source[i]!;
      continue;
    }
    const prev = neighbour(i - 1);
    const context: LetterContext = { prev, next: neighbour(i + 1), isInitial: prev === '' };
    const piece = scheme.contextual?.(letter, context) ?? plain;
    out += source[i] === letter ? piece : capitalise(piece, caps[i]!);
  }
  return out;
}
