import fs from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { stringify } from 'csv-stringify/sync';
import {
  dedupeListInParallel,
  linkListsInParallel,
  personListSettings,
  runComparisonJob,
  type ComparisonRunner,
  type LinkResult,
} from '@parley/engine';
import type { ListFileLimits } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import type { ListEncoding } from '../registry/index.ts';
import { explanationOf, LINK_RESULT_COLUMNS, linkResultRow } from './domain/link-output.ts';
import { openLinkagePool } from './linkage-pool.ts';
import { readListRecords } from './list-records.ts';

export interface LinkFilesRequest {
  left: string;
  /** Absent for finding duplicates within `left`. */
  right?: string;
  out: string;
  explain?: string;
  match: number;
  review: number;
  seed: number;
  encoding: ListEncoding;
  maxBytes: number;
  /** The bounds on a list file's cells, columns, lines and unpacked size; the defaults if absent. */
  limits?: ListFileLimits;
  /**
   * Threads for reading and comparing; 1 links in this thread. By default one per core when the
   * files are big enough to repay starting them, else 1. The result is the same either way.
   */
  threads?: number;
}

export interface LinkFilesResult {
  left: number;
  right: number;
  matches: number;
  possible: number;
  candidatePairs: number;
  /** The threads that read and compared: 1 when the work stayed in the calling thread. */
  threads: number;
  seconds: number;
  /** The lines left out of each file (they have no name), as `line N: why`. */
  leftOut: { left: string[]; right: string[] };
  /**
   * Blocks too big to compare whole even after splitting, and the pairs they held: none are
   * skipped in silence.
   */
  skipped: { blocks: number; pairs: number };
}

/**
 * Links two list files (or finds duplicates in one) and writes the spec's result CSV, and on
 * request an explanation per pair as JSON lines. Files are read as imports read them; lines with
 * invalid values take part with those values missing.
 */
export async function linkFiles(request: LinkFilesRequest): Promise<LinkFilesResult> {
  if (!(request.review > 0 && request.review <= request.match && request.match < 1)) {
    throw new AppError(
      'VALIDATION.INVALID_INPUT',
      `the thresholds need 0 < --review (${request.review}) <= --match (${request.match}) < 1`,
    );
  }
  const started = performance.now();
  const { result, left, right, threads, leftOut } = await readAndLink(request);
  await writeAtomically(
    request.out,
    stringify([LINK_RESULT_COLUMNS, ...result.pairs.map(linkResultRow)]),
  );
  if (request.explain) {
    await writeAtomically(
      request.explain,
      result.pairs.map((pair) => `${JSON.stringify(explanationOf(pair))}\n`).join(''),
    );
  }
  return {
    left,
    right,
    matches: result.pairs.filter((p) => p.decision === 'match').length,
    possible: result.pairs.filter((p) => p.decision === 'possible').length,
    candidatePairs: result.blocking.candidatePairs,
    threads,
    seconds: (performance.now() - started) / 1000,
    leftOut,
    skipped: {
      blocks: result.blocking.rules.reduce((sum, rule) => sum + rule.skippedBlocks, 0),
      pairs: result.blocking.rules.reduce((sum, rule) => sum + rule.skippedPairs, 0),
    },
  };
}

/** Reads the files and links them, in worker threads when that is sooner. */
async function readAndLink(request: LinkFilesRequest): Promise<{
  result: LinkResult;
  left: number;
  right: number;
  threads: number;
  leftOut: LinkFilesResult['leftOut'];
}> {
  const files = request.right ? [request.left, request.right] : [request.left];
  const sizes = await Promise.all(files.map(sizeOf));
  const bytes = sizes.reduce((sum, size) => sum + size, 0);
  const threads = request.threads ?? (bytes >= PARALLEL_FROM_BYTES ? availableParallelism() : 1);
  const pool = threads > 1 ? openLinkagePool({ threads }) : null;
  try {
    const read = (file: string) =>
      pool?.readRecords(file, request) ?? readListRecords(file, request);
    // The pool reads the first file asked for in this thread, the next in a worker, which has
    // to start first: the bigger file is asked for first.
    const biggestFirst = (sizes[1] ?? 0) > sizes[0]! ? [files[1]!, files[0]!] : files;
    const reads = new Map(biggestFirst.map((file) => [file, read(file)]));
    const [leftFile, rightFile] = await Promise.all([
      reads.get(request.left)!,
      request.right ? reads.get(request.right)! : null,
    ]);
    const left = leftFile.records;
    const right = rightFile?.records ?? null;
    const settings = personListSettings({
      match: request.match,
      possible: request.review,
      duplicate: request.match,
    });
    const options = { seed: request.seed, runComparisons: pool?.runComparisons ?? inThisThread };
    const result = right
      ? await linkListsInParallel(left, right, settings, options)
      : await dedupeListInParallel(left, settings, options);
    return {
      result,
      left: left.length,
      right: right?.length ?? 0,
      threads,
      leftOut: { left: leftFile.leftOut, right: rightFile?.leftOut ?? [] },
    };
  } finally {
    await pool?.close();
  }
}

const inThisThread: ComparisonRunner = async (job) =>
  runComparisonJob(job, 0, job.pairs.left.length);

// A worker thread takes about two seconds to start and load the list reader (exceljs is half);
// reading and comparing in two threads repays that from about 20 MB of lists, some 90,000 lines.
const PARALLEL_FROM_BYTES = 20 * 1024 * 1024;

/** The size of a file, checked before any thread starts to read it. */
async function sizeOf(file: string): Promise<number> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) {
    throw new AppError('REGISTRY.UNSUPPORTED_FILE', `cannot read ${file}: no such file`);
  }
  return stat.size;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const partial = `${file}.partial`;
  await fs.writeFile(partial, text);
  await fs.rename(partial, file);
}
