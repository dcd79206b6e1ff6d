import { compactIdentifier, formsOf, IDENTIFIER_LETTERS, lookupGivenName } from '@parley/engine';
import { keyPattern } from './name-key.ts';
import { nameSkeleton, skeletonPattern } from './name-skeleton.ts';

/**
 * One word of a search, and the ways a line may hold it: as typed (in a name, the record id or
 * the service number), as a name in either script and, for a given name, in any of its
 * Ukrainian, Russian or Latin forms, or as a service number without its separators.
 */
export interface SearchTerm {
  /** The word as typed, for a case-insensitive substring match. */
  readonly text: string;
  /**
   * The word as a name in either script, null if none: `pattern`, a regular expression
   * (case-insensitive) of its spellings; `keyPattern`, one (case-sensitive) that finds the key
   * (name-key.ts) of every text the pattern finds.
   */
  readonly name: { readonly pattern: string; readonly keyPattern: string } | null;
  /** The word as a compact identifier (service number), when it has a digit. */
  readonly identifier: string | null;
}

/** A search: words that a line must each hold, in any order, or the whole as one identifier. */
export interface Search {
  readonly words: readonly SearchTerm[];
  /** The whole search as a compact identifier ("AB 123456"), when it has a digit. */
  readonly identifier: string | null;
}

// A search of more words than this is cut: each word is a condition on every line.
const MOST_WORDS = 6;

/** The words of a search, each a term, and the whole as an identifier. */
export function searchTerms(search: string): Search {
  const words = search
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, MOST_WORDS)
    .map(termOf);
  return { words, identifier: /\d/.test(search) ? compactIdentifier(search) : null };
}

function termOf(word: string): SearchTerm {
  const hasDigit = /\d/.test(word);
  return {
    text: word,
    name: hasDigit ? null : nameOf(word),
    identifier: hasDigit ? compactIdentifier(word) : null,
  };
}

/**
 * The spellings of a name in either script, as one regular expression: its skeleton's, and for
 * a given name the table's every form ("Aleksandr" finds Олександр); with the pattern of their
 * keys. Null for a word of fewer than two skeleton letters, which would match nearly every line.
 */
function nameOf(word: string): SearchTerm['name'] {
  const skeleton = nameSkeleton(word);
  if (skeleton.replace(/[^a-z]/g, '').length < 2) return null;
  const entry = lookupGivenName(word);
  const skeletons = [...new Set([skeleton, ...(entry ? formsOf(entry).map(nameSkeleton) : [])])];
  const either = (patterns: string[]) =>
    patterns.length === 1 ? patterns[0]! : `(?:${patterns.join('|')})`;
  return {
    pattern: either(skeletons.map(skeletonPattern)),
    keyPattern: either([...new Set(skeletons.map(keyPattern))]),
  };
}

/**
 * The Cyrillic letters that `compactIdentifier` writes as one Latin letter, and those letters, for
 * SQL's translate(): the database compacts a stored service number as the search was compacted.
 */
export const IDENTIFIER_TRANSLATION = (() => {
  const single = Object.entries(IDENTIFIER_LETTERS).filter(([, latin]) => latin.length === 1);
  return {
    from: single.map(([cyrillic]) => cyrillic).join(''),
    to: single.map(([, latin]) => latin).join(''),
  };
})();
