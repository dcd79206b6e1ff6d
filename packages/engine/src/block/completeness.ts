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

/**
 * `pairsCompleteness` of candidate pairs given by record index, as blocking makes them: the
 * candidates are grouped by left record id instead of each becoming a string, since there are
 * millions of them. The same figures as `pairsCompleteness` over the pairs' ids.
 */
export function candidateCompleteness(
  leftIds: readonly string[],
  rightIds: readonly string[],
  candidateLeft: Int32Array,
  candidateRight: Int32Array,
  truth: Iterable<readonly [string, string]>,
  symmetric = false,
): PairsCompleteness {
  const numberOf = new Map<string, number>();
  const number = (id: string): number => {
    let n = numberOf.get(id);
    if (n === undefined) {
      n = numberOf.size;
      numberOf.set(id, n);
    }
    return n;
  };
  const leftNumbers = Int32Array.from(leftIds, number);
  const rightNumbers = Int32Array.from(rightIds, number);
  const count = candidateLeft.length;
  const from = new Int32Array(symmetric ? count * 2 : count);
  const to = new Int32Array(from.length);
  for (let i = 0; i < count; i++) {
    from[i] = leftNumbers[candidateLeft[i]!]!;
    to[i] = rightNumbers[candidateRight[i]!]!;
    if (symmetric) {
      from[count + i] = to[i]!;
      to[count + i] = from[i]!;
    }
  }
  const start = new Int32Array(numberOf.size + 1);
  for (const n of from) start[n + 1]!++;
  for (let n = 0; n < numberOf.size; n++) start[n + 1]! += start[n]!;
  const next = start.slice(0, numberOf.size);
  const partners = new Int32Array(from.length);
  from.forEach((n, i) => (partners[next[n]!++] = to[i]!));
  const isCandidate = (a: string, b: string): boolean => {
    const na = numberOf.get(a);
    const nb = numberOf.get(b);
    if (na === undefined || nb === undefined) return false;
    for (let k = start[na]!; k < start[na + 1]!; k++) if (partners[k] === nb) return true;
    return false;
  };
  let total = 0;
  let hits = 0;
  const counted = new Set<string>();
  for (const [a, b] of truth) {
    const [x, y] = symmetric && b < a ? [b, a] : [a, b];
    const key = pairKey(x, y);
    if (counted.has(key)) continue;
    counted.add(key);
    total++;
    if (isCandidate(x, y)) hits++;
  }
  return { found: hits, total, completeness: total === 0 ? 1 : hits / total };
}
