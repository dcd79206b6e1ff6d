import { availableParallelism } from 'node:os';
import { typescriptWorkerPool } from '../../platform/workers/index.ts';
import {
  anchorPositions,
  LogVerdict,
  type ChainVerdict,
  type LogAnchors,
  type SignatureChecks,
} from './domain/log-verdict.ts';
import { verifyPage, type PageResult, type PageTask } from './domain/page-verifier.ts';

/**
 * Entries a page: a power of two, so that each page is a perfect subtree of the log's tree and
 * pages are checked apart, on every core, and combined in order.
 */
export const PAGE_SIZE = 2 ** 13;

/** Where the log's pages come from: the database, or an export being read. */
export interface PageSource {
  /** The highest seq to check (the log as it was when verification began). */
  readonly lastSeq: number;
  /** The entries start+1 … start+PAGE_SIZE that exist, in seq order, as rows or packed. */
  page(start: number): Promise<PageTask['entries']>;
}

export interface VerifyOptions {
  /** Worker threads beside this one; by default one per core, none for a log of a few pages. */
  readonly workers?: number;
  /** Pages read ahead of the one being combined (memory: about 13 MB a page). */
  readonly readAhead?: number;
}

const WORKER_MODULE = new URL('./verify-pages.worker.ts', import.meta.url);
/** Below this many pages, starting worker threads costs more than they save. */
const PARALLEL_FROM_PAGES = 8;

/**
 * Verifies a whole log as a stream of pages: this thread reads the pages (the database's work),
 * worker threads check them (the hashing), and the verdict combines them in order and stops
 * reading at the first page that does not hold.
 */
export async function verifyLog(
  source: PageSource,
  anchors: LogAnchors,
  signatures: SignatureChecks,
  options: VerifyOptions = {},
): Promise<ChainVerdict> {
  const verdict = new LogVerdict(anchors, signatures);
  const { cuts, hashesAt } = anchorPositions(anchors);
  const pages = Math.ceil(source.lastSeq / PAGE_SIZE);
  const workers = options.workers ?? (pages >= PARALLEL_FROM_PAGES ? availableParallelism() : 0);
  const pool =
    workers > 0
      ? typescriptWorkerPool<PageTask, PageResult>(WORKER_MODULE, { threads: workers })
      : null;
  // A packed page goes to its worker without a copy: its buffer is moved, not cloned.
  const check = (task: PageTask): Promise<PageResult> =>
    pool
      ? pool.run(
          task,
          task.entries instanceof Uint8Array ? { transferList: [ownBuffer(task.entries)] } : {},
        )
      : Promise.resolve(verifyPage(task));
  const taskOf = (start: number, entries: PageTask['entries']): PageTask => ({
    start,
    entries,
    cuts: cuts.filter((size) => size > start && size <= start + PAGE_SIZE),
    hashesAt: hashesAt.filter((seq) => seq > start && seq <= start + PAGE_SIZE),
  });
  const readAhead = options.readAhead ?? Math.max(2, workers * 2);
  const inFlight: Array<Promise<PageResult>> = [];
  let next = 0;
  try {
    while (!verdict.hasFailed && (next < pages || inFlight.length > 0)) {
      while (next < pages && inFlight.length < readAhead) {
        const start = next * PAGE_SIZE;
        const result = source.page(start).then((entries) => check(taskOf(start, entries)));
        result.catch(() => {}); // awaited in order below; a failure is not left unhandled
        inFlight.push(result);
        next++;
      }
      const done = inFlight.shift();
      if (done) verdict.addPage(await done);
    }
  } finally {
    await pool?.destroy();
  }
  return verdict.finish();
}

/** The buffer behind bytes that span all of it (else a copy that does), to be moved to a worker. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const whole =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  return whole.buffer as ArrayBuffer;
}
