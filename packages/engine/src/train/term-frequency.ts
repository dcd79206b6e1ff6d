import type { Comparison } from '../compare/levels.ts';
import type { PreparedRecords } from '../compare/vectors.ts';

/** How often each value of a field occurs, as a share of the records that have the field. */
export function termFrequencies(
  comparison: Comparison,
  lists: readonly (readonly unknown[])[],
): Map<string, number> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const list of lists) {
    for (const prepared of list) {
      if (prepared === null || prepared === undefined) continue;
      const term = comparison.termOf(prepared);
      counts.set(term, (counts.get(term) ?? 0) + 1);
      total++;
    }
  }
  const frequencies = new Map<string, number>();
  for (const [term, count] of counts) frequencies.set(term, count / total);
  return frequencies;
}

/**
 * Splink's term-frequency adjustment: for pairs agreeing exactly, log2(u / frequency of the
 * value), so agreeing on a rare surname weighs more than agreeing on a common one; 0 otherwise.
 */
export function termFrequencyAdjustments(
  comparison: Comparison,
  field: number,
  frequencies: ReadonlyMap<string, number>,
  uExact: number,
  leftPrepared: PreparedRecords,
  left: Int32Array,
  levels: Int8Array,
  width: number,
): Float64Array {
  const adjustments = new Float64Array(left.length);
  const values = leftPrepared[field]!;
  for (let i = 0; i < left.length; i++) {
    if (levels[i * width + field] !== comparison.exactLevel) continue;
    const prepared = values[left[i]!];
    if (prepared === null || prepared === undefined) continue;
    const frequency = frequencies.get(comparison.termOf(prepared));
    if (frequency !== undefined && frequency > 0) adjustments[i] = Math.log2(uExact / frequency);
  }
  return adjustments;
}
