import { normaliseText } from '../normalise/normalise-text.ts';
import { encodeText, type EncodedText, jaroWinklerEncoded } from './jaro-winkler.ts';
import { type Comparison, proportions } from './levels.ts';

/** Free text split into words and numbers, e.g. a unit '3rd Battalion 72 Brigade'. */
export interface PreparedTokens {
  readonly text: string;
  readonly words: readonly string[];
  /** The words encoded for bit-parallel Jaro–Winkler. */
  readonly encodedWords: readonly EncodedText[];
  /** Per word, a 32-bit set of its characters (code mod 32): a cheap bound before Jaro–Winkler. */
  readonly masks: Uint32Array;
  /** The numbers, sorted, joined by spaces: two texts agree on numbers when these are equal. */
  readonly numbers: string;
}

const WORD_MATCH = 0.9;

/** Splits a text into words and numbers; null if it has neither. */
export function prepareTokens(value: string | null): PreparedTokens | null {
  if (value === null) return null;
  const text = normaliseText(value, { stripDiacritics: true });
  const parts = text.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length > 0);
  if (parts.length === 0) return null;
  const numbers: string[] = [];
  const words: string[] = [];
  for (const part of parts) {
    const digits = /^\d+/.exec(part)?.[0];
    if (digits === undefined) words.push(part);
    else numbers.push(String(Number(digits)));
  }
  return {
    text: parts.join(' '),
    words,
    encodedWords: words.map(encodeText),
    masks: Uint32Array.from(words, maskOf),
    numbers: numbers.sort().join(' '),
  };
}

function maskOf(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) & 31);
  return mask >>> 0;
}

/**
 * Whether Jaro–Winkler could reach WORD_MATCH: Jaro is at most (c/|a| + c/|b| + 1) / 3 where c
 * bounds the common characters, and the prefix bonus adds at most 0.4 of what is left.
 */
function couldMatch(a: string, maskA: number, b: string, maskB: number): boolean {
  let commonA = 0;
  for (let i = 0; i < a.length; i++) if ((maskB >>> (a.charCodeAt(i) & 31)) & 1) commonA++;
  let commonB = 0;
  for (let i = 0; i < b.length; i++) if ((maskA >>> (b.charCodeAt(i) & 31)) & 1) commonB++;
  const common = Math.min(commonA, commonB);
  const jaroBound = (common / a.length + common / b.length + 1) / 3;
  return jaroBound + 0.4 * (1 - jaroBound) >= WORD_MATCH;
}

function closeWords(
  from: readonly EncodedText[],
  fromMasks: Uint32Array,
  to: readonly EncodedText[],
  toMasks: Uint32Array,
): number {
  let count = 0;
  for (let i = 0; i < from.length; i++) {
    const word = from[i]!;
    for (let j = 0; j < to.length; j++) {
      const other = to[j]!;
      if (
        word.text === other.text ||
        (couldMatch(word.text, fromMasks[i]!, other.text, toMasks[j]!) &&
          jaroWinklerEncoded(word, other) >= WORD_MATCH)
      ) {
        count++;
        break;
      }
    }
  }
  return count;
}

/** Word similarity in [0, 1]: the share of words on both sides with a close word on the other. */
export function wordSimilarity(a: readonly string[], b: readonly string[]): number {
  const total = a.length + b.length;
  if (total === 0) return 1;
  const masksA = Uint32Array.from(a, maskOf);
  const masksB = Uint32Array.from(b, maskOf);
  const wordsA = a.map(encodeText);
  const wordsB = b.map(encodeText);
  return (
    (closeWords(wordsA, masksA, wordsB, masksB) + closeWords(wordsB, masksB, wordsA, masksA)) /
    total
  );
}

function similarityOf(a: PreparedTokens, b: PreparedTokens): number {
  const total = a.words.length + b.words.length;
  return (
    (closeWords(a.encodedWords, a.masks, b.encodedWords, b.masks) +
      closeWords(b.encodedWords, b.masks, a.encodedWords, a.masks)) /
    total
  );
}

/** Numbers and word similarity: numbers must agree when both sides have them. */
export function tokenComparison(
  field: string,
  thresholds: readonly number[],
): Comparison<PreparedTokens> {
  const different = 1 + thresholds.length;
  // A unit or a place is often written another way, or has changed: disagreement is weak evidence.
  const similar = thresholds.map((_, i) => (i === 0 ? 0.15 : 0.1));
  return {
    field,
    kind: 'tokens',
    levels: ['exact', ...thresholds.map((t) => `numbers agree, words similar ≥ ${t}`), 'different'],
    codes: ['exact', ...thresholds.map((t) => `similar-${t}`), 'different'],
    evidence: [1, ...thresholds.map(() => 0 as const), 0],
    prior: {
      m: proportions([0.5, ...similar, 0.25]),
      u: proportions([0.01, ...thresholds.map(() => 0.02), 0.95]),
    },
    exactLevel: 0,
    prepare: prepareTokens,
    compare(a, b) {
      if (a.text === b.text) return 0;
      if (a.numbers.length > 0 && b.numbers.length > 0 && a.numbers !== b.numbers) return different;
      const noWords = a.words.length === 0 || b.words.length === 0;
      const similarity = noWords ? (a.numbers === b.numbers ? 1 : 0) : similarityOf(a, b);
      for (let i = 0; i < thresholds.length; i++) if (similarity >= thresholds[i]!) return 1 + i;
      return different;
    },
    termOf: (prepared) => prepared.text,
  };
}
