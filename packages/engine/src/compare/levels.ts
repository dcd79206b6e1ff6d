import type { NamePrior } from '../names/name-frequencies.ts';

/** The level of a comparison whose value is missing on either side: no information, not disagreement. */
export const MISSING = -1;

/** The kinds of comparison the engine knows. */
export type ComparatorKind =
  'name' | 'given-name' | 'surname' | 'patronymic' | 'date' | 'identifier' | 'tokens' | 'exact';

/**
 * Which way a level must count, whatever training finds: 1 for a match (agreement), −1 against
 * (clear disagreement), 0 as the data say. Training on a small or odd list can then weaken a
 * level but never turn agreement into evidence against.
 */
export type Evidence = -1 | 0 | 1;

/** What is believed of each level before any list is seen: P(level | match) and P(level | non-match). */
export interface LevelPrior {
  readonly m: readonly number[];
  readonly u: readonly number[];
}

/**
 * One field's comparison: levels ordered from the strongest agreement (0) to disagreement (the
 * last), a `prepare` run once per record and a `compare` run once per candidate pair.
 */
export interface Comparison<P = unknown> {
  readonly field: string;
  readonly kind: ComparatorKind;
  /** A reviewer's label for each level, e.g. 'same name', 'Jaro-Winkler ≥ 0.92', 'different'. */
  readonly levels: readonly string[];
  /** A stable code for each level, for translations: 'same', 'jw-0.92', 'different'... */
  readonly codes: readonly string[];
  readonly evidence: readonly Evidence[];
  readonly prior: LevelPrior;
  /** The level of agreement on one value, to which a term-frequency adjustment applies; null if none. */
  readonly exactLevel: number | null;
  /** How common each term is before the lists are counted (names); absent: the lists alone. */
  readonly termPrior?: NamePrior;
  /** The value in the form `compare` wants, or null when it is missing. */
  prepare(value: string | null): P | null;
  /** The level of two prepared values, in [0, levels.length). */
  compare(a: P, b: P): number;
  /**
   * `compare(many[i], b)` for each i, into `out`: the same levels, sooner where one value is
   * compared with many (names, whose Jaro–Winkler sets one of them up once).
   */
  compareAgainst?(b: P, many: readonly P[], out: Int8Array): void;
  /** The value whose frequency drives the term-frequency adjustment (a normalised key). */
  termOf(prepared: P): string;
}

/** The level of two raw values under a comparison, MISSING when either is missing. */
export function levelOf<P>(comparison: Comparison<P>, a: string | null, b: string | null): number {
  const pa = comparison.prepare(a);
  const pb = comparison.prepare(b);
  return pa === null || pb === null ? MISSING : comparison.compare(pa, pb);
}

/** Probabilities that sum to 1, in the given proportions. */
export function proportions(values: readonly number[]): number[] {
  const total = values.reduce((sum, value) => sum + value, 0);
  return values.map((value) => value / total);
}
