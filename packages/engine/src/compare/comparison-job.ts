import { buildComparison, type ComparisonSetting } from './comparators.ts';
import { comparisonVectors, type EncodedColumns } from './vectors.ts';

/**
 * The comparison of candidate pairs as plain data (settings, typed arrays, prepared values), so
 * that it can be copied to worker threads, each comparing a share of the pairs.
 */
export interface ComparisonJob {
  readonly comparisons: readonly ComparisonSetting[];
  readonly left: EncodedColumns;
  readonly right: EncodedColumns;
  /** The pairs (pairs.left[i], pairs.right[i]) by record index. */
  readonly pairs: { readonly left: Int32Array; readonly right: Int32Array };
}

/**
 * Compares a job's pairs in threads and gives their comparison vectors, in the order of the
 * pairs: exactly what `runComparisonJob(job, 0, pairs)` gives, however the work is shared out.
 */
export type ComparisonRunner = (job: ComparisonJob) => Promise<Int8Array>;

/** The comparison vectors of the job's pairs [from, to), one row of levels per pair. */
export function runComparisonJob(job: ComparisonJob, from: number, to: number): Int8Array {
  return comparisonVectors(
    job.comparisons.map(buildComparison),
    job.left,
    job.right,
    job.pairs.left,
    job.pairs.right,
    from,
    to,
  );
}
