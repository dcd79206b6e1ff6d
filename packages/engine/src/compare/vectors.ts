import type { LinkRecord } from '../link/record.ts';
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

/**
 * Encodes one comparison's field record by record (`add`), running its `prepare` once per
 * distinct value; `column` gives the column so far.
 */
export function columnEncoder(comparison: Comparison, size: number) {
  const idOf = new Map<string, number>();
  const values: unknown[] = [];
  const ids = new Int32Array(size);
  return {
    add(record: LinkRecord, index: number): void {
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
    },
    column: (): EncodedColumn => ({ ids, values }),
  };
}

/** Runs every comparison's `prepare` once per distinct value of its field. */
export function encodeColumns(
  comparisons: readonly Comparison[],
  records: readonly LinkRecord[],
): EncodedColumns {
  return comparisons.map((comparison) => {
    const encoder = columnEncoder(comparison, records.length);
    records.forEach((record, index) => encoder.add(record, index));
    return encoder.column();
  });
}

// Levels of distinct value pairs are remembered in a matrix when it stays this small (bytes).
const MEMO_CELLS = 1 << 24;
const UNKNOWN = -2;
const PENDING = -3;

/**
 * Fills the memo for every distinct value pair of the pairs that it lacks, one right value at a
 * time against all its left values (`compareAgainst`): a name's Jaro–Winkler set-up is done once
 * for all its candidates.
 */
function memoAgainst(
  comparison: Comparison,
  memo: Int8Array,
  columns: number,
  leftIds: Int32Array,
  rightIds: Int32Array,
  values: { left: readonly unknown[]; right: readonly unknown[] },
  pairs: { left: Int32Array; right: Int32Array; from: number; to: number },
): void {
  const cells: number[] = [];
  for (let i = pairs.from; i < pairs.to; i++) {
    const a = leftIds[pairs.left[i]!]!;
    const b = rightIds[pairs.right[i]!]!;
    if (a === MISSING || b === MISSING) continue;
    const cell = a * columns + b;
    if (memo[cell] !== UNKNOWN) continue;
    memo[cell] = PENDING;
    cells.push(cell);
  }
  // Grouped by right value (counting sort), each group compared at once.
  const start = new Int32Array(columns + 1);
  for (const cell of cells) start[(cell % columns) + 1]!++;
  for (let b = 0; b < columns; b++) start[b + 1]! += start[b]!;
  const next = start.slice(0, columns);
  const grouped = new Int32Array(cells.length);
  for (const cell of cells) grouped[next[cell % columns]!++] = cell;
  const out = new Int8Array(cells.length);
  for (let b = 0; b < columns; b++) {
    const [from, to] = [start[b]!, start[b + 1]!];
    if (from === to) continue;
    const many = Array.from(
      grouped.subarray(from, to),
      (cell) => values.left[Math.floor(cell / columns)],
    );
    comparison.compareAgainst!(values.right[b], many, out.subarray(from, to));
    for (let k = from; k < to; k++) memo[grouped[k]!] = out[k]!;
  }
}

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
    if (memo !== null && comparison.compareAgainst !== undefined) {
      memoAgainst(
        comparison,
        memo,
        columns,
        leftIds,
        rightIds,
        { left: leftValues, right: rightValues },
        { left, right, from, to },
      );
    }
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
