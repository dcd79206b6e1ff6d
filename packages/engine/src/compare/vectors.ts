import type { LinkRecord } from '../link/settings.ts';
import { type Comparison, MISSING } from './levels.ts';

/** Each comparison's prepared values, per record: prepared[field][record]. */
export type PreparedRecords = readonly (readonly unknown[])[];

/** Runs every comparison's `prepare` once per record. */
export function prepareRecords(
  comparisons: readonly Comparison[],
  records: readonly LinkRecord[],
): PreparedRecords {
  return comparisons.map((comparison) =>
    records.map((record) => comparison.prepare(record.fields[comparison.field] ?? null)),
  );
}

/**
 * The comparison vectors of pairs (left[i], right[i]): a row of levels per pair, one level per
 * comparison, MISSING where either value is missing.
 */
export function comparisonVectors(
  comparisons: readonly Comparison[],
  leftPrepared: PreparedRecords,
  rightPrepared: PreparedRecords,
  left: Int32Array,
  right: Int32Array,
): Int8Array {
  const width = comparisons.length;
  const levels = new Int8Array(left.length * width);
  for (let f = 0; f < width; f++) {
    const comparison = comparisons[f]!;
    const ls = leftPrepared[f]!;
    const rs = rightPrepared[f]!;
    for (let i = 0; i < left.length; i++) {
      const a = ls[left[i]!];
      const b = rs[right[i]!];
      levels[i * width + f] =
        a === null || b === null || a === undefined || b === undefined
          ? MISSING
          : comparison.compare(a, b);
    }
  }
  return levels;
}
