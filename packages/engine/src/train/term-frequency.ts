import type { Comparison } from '../compare/levels.ts';
import type { EncodedColumn } from '../compare/vectors.ts';

// The lowest frequency a value may be given: agreement on one value weighs at most ~20 bits.
const LOWEST_FREQUENCY = 1e-6;

/**
 * How likely a record other than a pair's own is to hold each value: its count on each side
 * (averaged over the sides, less the pair's own occurrence) blended with the comparison's prior
 * frequencies, which count as `termPrior.strength` records. Without a prior, each value is given
 * one occurrence in 1/uExact records, so that a value seen once is rare, not impossible.
 */
export function termFrequencies(
  comparison: Comparison,
  columns: readonly EncodedColumn[],
  uExact: number,
): Map<string, number> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const { ids, values } of columns) {
    // Counted per distinct value first: a term is looked up once per value, not once per record.
    const perValue = new Float64Array(values.length);
    for (const id of ids) if (id >= 0) perValue[id]!++;
    values.forEach((prepared, id) => {
      if (perValue[id] === 0) return;
      const term = comparison.termOf(prepared);
      counts.set(term, (counts.get(term) ?? 0) + perValue[id]! / columns.length);
      total += perValue[id]! / columns.length;
    });
  }
  const prior = comparison.termPrior;
  const strength = prior?.strength ?? 1 / uExact;
  const others = Math.max(0, total - 1) + strength;
  const frequencies = new Map<string, number>();
  for (const [term, count] of counts) {
    const expected = prior === undefined ? 1 : strength * prior.frequency(term);
    frequencies.set(term, Math.max(LOWEST_FREQUENCY, (Math.max(0, count - 1) + expected) / others));
  }
  return frequencies;
}

/** One side of the candidate pairs: the column of its list, and each pair's record in it. */
export interface PairSide {
  readonly column: EncodedColumn;
  readonly records: Int32Array;
}

/**
 * The term-frequency adjustment (Splink's): for pairs agreeing on a value, log2(u / frequency of
 * the value), so agreeing on a rare surname weighs more than agreeing on a common one; 0 otherwise.
 * Two agreeing values almost always have one term; a Latin name with an x agrees through one of
 * its two readings, and its term may then differ from the other side's, so the adjustment is
 * the mean of the two sides' (the same for either order of the lists).
 */
export function termFrequencyAdjustments(
  comparison: Comparison,
  field: number,
  frequencies: ReadonlyMap<string, number>,
  uExact: number,
  sides: readonly [PairSide, PairSide],
  levels: Int8Array,
  width: number,
): Float64Array {
  const [perLeft, perRight] = sides.map(({ column }) =>
    column.values.map((prepared) => {
      const frequency = frequencies.get(comparison.termOf(prepared));
      return frequency !== undefined && frequency > 0 ? Math.log2(uExact / frequency) : 0;
    }),
  );
  const [left, right] = sides;
  const adjustments = new Float64Array(left.records.length);
  for (let i = 0; i < adjustments.length; i++) {
    if (levels[i * width + field] !== comparison.exactLevel) continue;
    const leftId = left.column.ids[left.records[i]!]!;
    const rightId = right.column.ids[right.records[i]!]!;
    if (leftId >= 0 && rightId >= 0) adjustments[i] = (perLeft![leftId]! + perRight![rightId]!) / 2;
  }
  return adjustments;
}
