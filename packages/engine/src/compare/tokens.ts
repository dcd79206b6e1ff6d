import { normaliseText } from '../normalise/normalise-text.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import type { Comparison } from './levels.ts';

/** Free text split into words and numbers, e.g. a unit '3rd Battalion 72 Brigade'. */
export interface PreparedTokens {
  readonly text: string;
  readonly words: readonly string[];
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
  return { text: parts.join(' '), words, numbers: numbers.sort().join(' ') };
}

function closeWords(from: readonly string[], to: readonly string[]): number {
  let count = 0;
  for (const word of from) {
    for (const other of to) {
      if (word === other || jaroWinkler(word, other) >= WORD_MATCH) {
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
  return (closeWords(a, b) + closeWords(b, a)) / total;
}

/** Numbers and word similarity: numbers must agree when both sides have them. */
export function tokenComparison(
  field: string,
  thresholds: readonly number[],
): Comparison<PreparedTokens> {
  const different = 1 + thresholds.length;
  return {
    field,
    kind: 'tokens',
    levels: ['exact', ...thresholds.map((t) => `numbers agree, words similar ≥ ${t}`), 'different'],
    exactLevel: 0,
    prepare: prepareTokens,
    compare(a, b) {
      if (a.text === b.text) return 0;
      if (a.numbers.length > 0 && b.numbers.length > 0 && a.numbers !== b.numbers) return different;
      const noWords = a.words.length === 0 || b.words.length === 0;
      const similarity = noWords
        ? a.numbers === b.numbers
          ? 1
          : 0
        : wordSimilarity(a.words, b.words);
      for (let i = 0; i < thresholds.length; i++) if (similarity >= thresholds[i]!) return 1 + i;
      return different;
    },
    termOf: (prepared) => prepared.text,
  };
}
