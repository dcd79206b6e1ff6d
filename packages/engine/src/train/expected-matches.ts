// How many true pairs the lists hold: the prior of every pair's match probability.

/** What the lists are, for counting their true pairs. */
export interface ListSizes {
  readonly left: number;
  readonly right: number;
  /** Within one list (finding duplicates): `right` is `left`. */
  readonly within: boolean;
}

// Before the pairs are read: half of the smaller list is on the other (a Beta(1, 1) prior on the
// share, worth two records); within one list, one record in fifty has a duplicate (worth five).
const LINKED = { share: 0.5, records: 2 };
const DUPLICATED = { share: 0.02, records: 5 };

/**
 * The number of true pairs, read one to one: a record has at most one partner, so with prior
 * odds c per pair, record a has a partner with probability c·S/(1 + c·S), where S is the sum of
 * its candidates' Bayes factors. The count and c are found together (c = count / all pairs),
 * each record's sum computed once; both lists' views are averaged, so it is symmetric.
 */
export function expectedMatches(
  left: Int32Array,
  right: Int32Array,
  log2BayesFactors: Float64Array,
  sizes: ListSizes,
): number {
  const rightSize = sizes.within ? sizes.left : sizes.right;
  const byLeft = new Float64Array(sizes.left);
  const byRight = new Float64Array(rightSize);
  for (let i = 0; i < left.length; i++) {
    const factor = 2 ** Math.min(1000, log2BayesFactors[i]!);
    byLeft[left[i]!]! += factor;
    byRight[right[i]!]! += factor;
  }
  if (sizes.within) for (let a = 0; a < sizes.left; a++) byLeft[a]! += byRight[a]!;
  const smaller = sizes.within ? sizes.left : Math.min(sizes.left, sizes.right);
  const allPairs = sizes.within ? (sizes.left * (sizes.left - 1)) / 2 : sizes.left * sizes.right;
  if (smaller === 0 || allPairs === 0) return 0;
  const prior = sizes.within ? DUPLICATED : LINKED;
  // Within one list each true pair gives two records with a partner.
  const recordsPerPair = sizes.within ? 2 : 1;
  const partnered = (sums: Float64Array, odds: number): number => {
    let count = 0;
    for (const sum of sums) count += (odds * sum) / (1 + odds * sum);
    return count;
  };
  let matches = (prior.share * smaller) / recordsPerPair;
  for (let iteration = 0; iteration < 200; iteration++) {
    const odds = pairPriorOdds(matches, sizes);
    const records = sizes.within
      ? partnered(byLeft, odds)
      : (partnered(byLeft, odds) + partnered(byRight, odds)) / 2;
    const share = (records + prior.share * prior.records) / (smaller + prior.records);
    const next = (Math.min(1, share) * smaller) / recordsPerPair;
    if (Math.abs(next - matches) < 1e-6 * Math.max(1, matches)) return next;
    matches = next;
  }
  return matches;
}

/**
 * The prior odds that two given records match, when the lists hold `matches` true pairs one to
 * one: a record has a partner with probability ρ (matches over its list's size), who is then any
 * one of the other list's n records, so each of them is its partner with odds ρ / ((1 − ρ)·n).
 * The two lists' views are averaged (geometrically), so that the odds are symmetric.
 */
export function pairPriorOdds(matches: number, sizes: ListSizes): number {
  const oddsFrom = (ownSize: number, otherSize: number, partnered: number) => {
    const share = Math.min(0.999, partnered / Math.max(1, ownSize));
    return share / ((1 - share) * Math.max(1, otherSize));
  };
  if (sizes.within) return oddsFrom(sizes.left, sizes.left - 1, 2 * matches);
  return Math.sqrt(
    oddsFrom(sizes.left, sizes.right, matches) * oddsFrom(sizes.right, sizes.left, matches),
  );
}
