/** How many true pairs survived blocking. */
export interface PairsCompleteness {
  readonly found: number;
  readonly total: number;
  /** found / total; 1 when there are no true pairs. */
  readonly completeness: number;
}

const pairKey = (a: string, b: string): string => `${a}\u0000${b}`;

/**
 * The share of true pairs among the candidate pairs (by record id). With `symmetric`, (a, b)
 * and (b, a) are the same pair, as within one list.
 */
export function pairsCompleteness(
  candidates: Iterable<readonly [string, string]>,
  truth: Iterable<readonly [string, string]>,
  symmetric = false,
): PairsCompleteness {
  const found = new Set<string>();
  for (const [a, b] of candidates) {
    found.add(pairKey(a, b));
    if (symmetric) found.add(pairKey(b, a));
  }
  let total = 0;
  let hits = 0;
  const counted = new Set<string>();
  for (const [a, b] of truth) {
    const key = symmetric && b < a ? pairKey(b, a) : pairKey(a, b);
    if (counted.has(key)) continue;
    counted.add(key);
    total++;
    if (found.has(key)) hits++;
  }
  return { found: hits, total, completeness: total === 0 ? 1 : hits / total };
}
