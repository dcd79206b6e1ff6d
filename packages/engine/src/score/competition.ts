/**
 * What each candidate pair loses to its rivals, in bits (≤ 0). A record names at most one person
 * on the other list, so the odds O of a pair are shared with every other candidate of either
 * record: the pair's odds become O / (1 + rivals' odds of the left record + rivals' odds of the
 * right one). Two namesakes without a date of birth then stand at about one half each, never a
 * match, and a pair with no rival keeps its weight. The same whichever list is on the left.
 */
export function rivalryPenalties(
  left: Int32Array,
  right: Int32Array,
  weights: Float64Array,
  leftSize: number,
  rightSize: number,
): Float64Array {
  const odds = new Float64Array(weights.length);
  for (let i = 0; i < odds.length; i++) odds[i] = 2 ** Math.min(weights[i]!, 1000);
  const byLeft = new Float64Array(leftSize);
  const byRight = new Float64Array(rightSize);
  for (let i = 0; i < odds.length; i++) {
    byLeft[left[i]!]! += odds[i]!;
    byRight[right[i]!]! += odds[i]!;
  }
  const penalties = new Float64Array(odds.length);
  for (let i = 0; i < odds.length; i++) {
    const own = odds[i]!;
    const rivals = Math.max(0, byLeft[left[i]!]! - own) + Math.max(0, byRight[right[i]!]! - own);
    penalties[i] = -Math.log2(1 + rivals);
  }
  return penalties;
}
