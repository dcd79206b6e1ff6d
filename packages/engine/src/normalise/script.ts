import {
  APOSTROPHES,
  CYRILLIC_TO_LATIN,
  isCombiningMark,
  isCyrillicLetter,
  isLatinLetter,
  LATIN_TO_CYRILLIC,
} from './characters.ts';

/** The writing system of a piece of text, as far as names are concerned. */
export type Script = 'cyrillic' | 'latin' | 'mixed' | 'none';

/** Classifies text as Cyrillic, Latin, mixed or letter-less by the letters it contains. */
export function detectScript(text: string): Script {
  let hasCyrillic = false;
  let hasLatin = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (isCyrillicLetter(ch)) hasCyrillic = true;
    else if (isLatinLetter(ch)) hasLatin = true;
    if (hasCyrillic && hasLatin) return 'mixed';
  }
  if (hasCyrillic) return 'cyrillic';
  return hasLatin ? 'latin' : 'none';
}

const isWordChar = (ch: string): boolean =>
  isCyrillicLetter(ch) || isLatinLetter(ch) || isCombiningMark(ch) || APOSTROPHES.has(ch);

type Direction = 'to-cyrillic' | 'to-latin' | 'keep';

function directionOf(text: string, start: number, end: number): Direction {
  let cyrillic = 0;
  let latin = 0;
  let cyrillicOnly = 0;
  let latinOnly = 0;
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    if (isCyrillicLetter(ch)) {
      cyrillic++;
      if (!CYRILLIC_TO_LATIN.has(ch)) cyrillicOnly++;
    } else if (isLatinLetter(ch)) {
      latin++;
      if (!LATIN_TO_CYRILLIC.has(ch)) latinOnly++;
    }
  }
  if (cyrillic === 0 || latin === 0) return 'keep';
  // A letter with no twin in the other script decides; when both scripts have one, the word is
  // genuinely mixed (a transliteration typo, not a look-alike) and is left for later stages.
  if (cyrillicOnly > 0 && latinOnly === 0) return 'to-cyrillic';
  if (latinOnly > 0 && cyrillicOnly === 0) return 'to-latin';
  if (cyrillicOnly === 0 && latinOnly === 0) return cyrillic >= latin ? 'to-cyrillic' : 'to-latin';
  return 'keep';
}

/** Replaces Latin look-alike letters inside Cyrillic words with Cyrillic ones, and vice versa. */
export function fixLookalikes(text: string): string {
  let out: string | undefined;
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    if (!isWordChar(text[i]!)) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isWordChar(text[i]!)) i++;
    const direction = directionOf(text, start, i);
    if (direction === 'keep') continue;
    const table = direction === 'to-cyrillic' ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
    out = (out ?? '') + text.slice(copiedUpTo, start);
    for (let j = start; j < i; j++) out += table.get(text[j]!) ?? text[j]!;
    copiedUpTo = i;
  }
  return out === undefined ? text : out + text.slice(copiedUpTo);
}
