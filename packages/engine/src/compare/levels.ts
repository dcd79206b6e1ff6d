/** The level of a comparison whose value is missing on either side: no information, not disagreement. */
export const MISSING = -1;

/** The kinds of comparison the engine knows. */
export type ComparatorKind =
  'name' | 'given-name' | 'surname' | 'date' | 'identifier' | 'tokens' | 'exact';

/**
 * One field's comparison: levels ordered from the strongest agreement (0) to disagreement (the
 * last), a `prepare` run once per record and a `compare` run once per candidate pair.
 */
export interface Comparison<P = unknown> {
  readonly field: string;
  readonly kind: ComparatorKind;
  /** A reviewer's label for each level, e.g. 'exact', 'Jaro-Winkler ≥ 0.92', 'different'. */
  readonly levels: readonly string[];
  /** The level of exact agreement, to which a term-frequency adjustment applies; null if none. */
  readonly exactLevel: number | null;
  /** The value in the form `compare` wants, or null when it is missing. */
  prepare(value: string | null): P | null;
  /** The level of two prepared values, in [0, levels.length). */
  compare(a: P, b: P): number;
  /** The value whose frequency drives the term-frequency adjustment (a normalised form). */
  termOf(prepared: P): string;
}

/** The level of two raw values under a comparison, MISSING when either is missing. */
export function levelOf<P>(comparison: Comparison<P>, a: string | null, b: string | null): number {
  const pa = comparison.prepare(a);
  const pb = comparison.prepare(b);
  return pa === null || pb === null ? MISSING : comparison.compare(pa, pb);
}
