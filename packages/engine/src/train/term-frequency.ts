import type { Comparison } from '../compare/levels.ts';
import type { EncodedColumn } from '../compare/vectors.ts';

/** How often each value of a field occurs, as a share of the records that have the field. */
export function termFrequencies(
  comparison: Comparison,
  columns: readonly EncodedColumn[],
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
      counts.set(term, (counts.get(term) ?? 0) + perValue[id]!);
      total += perValue[id]!;
    });
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
  leftColumn: EncodedColumn,
  left: Int32Array,
  levels: Int8Array,
  width: number,
): Float64Array {
  const { ids, values } = leftColumn;
  const perValue = values.map((prepared) => {
    const frequency = frequencies.get(comparison.termOf(prepared));
    return frequency !== undefined && frequency > 0 ? Math.log2(uExact / frequency) : 0;
  });
  const adjustments = new Float64Array(left.length);
  for (let i = 0; i < left.length; i++) {
    if (levels[i * width + field] !== comparison.exactLevel) continue;
    const id = ids[left[i]!]!;
    if (id >= 0) adjustments[i] = perValue[id]!;
  }
  return adjustments;
}
