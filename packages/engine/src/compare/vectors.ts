import type { LinkRecord } from '../link/settings.ts';
import { type Comparison, MISSING } from './levels.ts';

/**
 * One comparison's values on one side, each distinct raw value prepared once: lists repeat
 * their names, places and units thousands of times.
 */
export interface EncodedColumn {
  /** Per record, the index of its prepared value in `values`; −1 when the value is missing. */
  readonly ids: Int32Array;
  readonly values: readonly unknown[];
}

/** Each comparison's column, in the order of the comparisons. */
export type EncodedColumns = readonly EncodedColumn[];

/** Runs every comparison's `prepare` once per distinct value of its field. */
export function encodeColumns(
  comparisons: readonly Comparison[],
  records: readonly LinkRecord[],
): EncodedColumns {
  return comparisons.map((comparison) => {
    const idOf = new Map<string, number>();
    const values: unknown[] = [];
    const ids = new Int32Array(records.length);
    records.forEach((record, index) => {
      const raw = record.fields[comparison.field] ?? null;
      if (raw === null) {
        ids[index] = MISSING;
        return;
      }
      let id = idOf.get(raw);
      if (id === undefined) {
        const prepared = comparison.prepare(raw);
        id = prepared === null ? MISSING : values.push(prepared) - 1;
        idOf.set(raw, id);
      }
      ids[index] = id;
    });
    return { ids, values };
  });
}

// Levels of distinct value pairs are remembered in a matrix when it stays this small (bytes).
const MEMO_CELLS = 1 << 24;
const UNKNOWN = -2;

/**
 * The comparison vectors of pairs (left[i], right[i]) for i in [from, to): a row of levels per
 * pair, one level per comparison, MISSING where either value is missing. When a field has few
 * distinct values, each distinct pair of them is compared once.
 */
export function comparisonVectors(
  comparisons: readonly Comparison[],
  leftColumns: EncodedColumns,
  rightColumns: EncodedColumns,
  left: Int32Array,
  right: Int32Array,
  from = 0,
  to = left.length,
): Int8Array {
  const width = comparisons.length;
  const levels = new Int8Array((to - from) * width);
  for (let f = 0; f < width; f++) {
    const comparison = comparisons[f]!;
    const { ids: leftIds, values: leftValues } = leftColumns[f]!;
    const { ids: rightIds, values: rightValues } = rightColumns[f]!;
    const columns = rightValues.length;
    const cells = leftValues.length * columns;
    const memo = cells <= MEMO_CELLS ? new Int8Array(cells).fill(UNKNOWN) : null;
    for (let i = from, row = f; i < to; i++, row += width) {
      const a = leftIds[left[i]!]!;
      const b = rightIds[right[i]!]!;
      if (a === MISSING || b === MISSING) {
        levels[row] = MISSING;
      } else if (memo === null) {
        levels[row] = comparison.compare(leftValues[a], rightValues[b]);
      } else {
        const cell = a * columns + b;
        let level = memo[cell]!;
        if (level === UNKNOWN) {
          level = comparison.compare(leftValues[a], rightValues[b]);
          memo[cell] = level;
        }
        levels[row] = level;
      }
    }
  }
  return levels;
}
