import {
  APOSTROPHES,
  DASHES,
  INVISIBLES,
  isCombiningMark,
  isLatinLetter,
  LATIN_STRIP,
} from './characters.ts';
import { fixLookalikes } from './script.ts';

/** Options of normaliseText. */
export interface NormaliseOptions {
  /** Remove diacritics from Latin letters (Ševčenko → sevcenko); Cyrillic й, ё, ї are kept. */
  readonly stripDiacritics?: boolean;
  /** Repair Latin look-alikes in Cyrillic words and the reverse; on by default. */
  readonly fixLookalikes?: boolean;
}

/** Whether the UTF-16 unit is white space (the same set as \\s in JavaScript regular expressions). */
export function isWhitespace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** NFC, trimmed, single-spaced, one apostrophe (') and one hyphen (-), lower-cased text. */
export function normaliseText(text: string, options: NormaliseOptions = {}): string {
  const source = text.normalize('NFC');
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (INVISIBLES.has(ch)) continue;
    if (isWhitespace(ch)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    if (APOSTROPHES.has(ch)) out += "'";
    else if (DASHES.has(ch)) out += '-';
    else out += ch;
  }
  const fixed = options.fixLookalikes === false ? out : fixLookalikes(out);
  const lower = fixed.toLowerCase();
  return options.stripDiacritics === true ? stripLatinDiacritics(lower) : lower;
}

/** Removes diacritics from Latin letters only, leaving Cyrillic and other scripts untouched. */
export function stripLatinDiacritics(text: string): string {
  let out = '';
  let baseIsLatin = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    // A combining mark on a Latin letter (decomposed input) goes; on Cyrillic it stays, because
    // и + breve is й.
    if (isCombiningMark(ch)) {
      if (!baseIsLatin) out += ch;
      continue;
    }
    baseIsLatin = isLatinLetter(ch);
    out += ch.charCodeAt(0) < 0xc0 ? ch : (LATIN_STRIP.get(ch) ?? ch);
  }
  return out;
}
