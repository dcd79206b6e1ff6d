/**
 * How the two sides' numbers are matched (DOMAIN.md, "Eligibility categories" 4): an agreement
 * states it, each stage keeps a copy, and parity is checked against it.
 */
export type Formula =
  | { kind: 'all_for_all'; categories: string[] }
  | { kind: 'n_for_n'; n: number }
  | { kind: 'ratio'; rows: Array<{ category: string; count: number; note: string }> }
  | { kind: 'rank_scale'; scale: Array<{ rank: string; value: number }> };
