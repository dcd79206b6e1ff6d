import { availableParallelism } from 'node:os';
import {
  runComparisonJob,
  type BlockingJob,
  type BlockingRunner,
  type ComparisonJob,
  type ComparisonRunner,
  type LinkedPair,
  type LinkRecord,
  type personListSettings,
  type RuleBlocks,
  type TrainedModel,
} from '@parley/engine';
import { AppError, type ErrorCode } from '../../platform/errors.ts';
import { typescriptWorkerPool } from '../../platform/workers/index.ts';
import { type ListReadOptions, type ListRecords, readListRecords } from './list-records.ts';
import { columnsOf, type PersonKeyColumns } from './person-key-columns.ts';

/** The thresholds of the engine's settings for persons (personListSettings). */
export type PersonThresholds = Parameters<typeof personListSettings>[0];

/** What the pool asks a worker (linkage.worker.ts). */
export type LinkageTask =
  | ({ task: 'read'; file: string } & ListReadOptions)
  | { task: 'compare'; job: ComparisonJob }
  | { task: 'block'; job: PersonBlockingJob }
  | { task: 'dedupe'; records: LinkRecord[]; thresholds: PersonThresholds; seed: number };

/**
 * A blocking job for the engine's rules for persons with only the fields they read, a column of
 * values each: copied to a worker much faster than whole records.
 */
export interface PersonBlockingJob extends Omit<BlockingJob, 'left' | 'right'> {
  readonly left: PersonKeyColumns;
  readonly right: PersonKeyColumns | null;
}

/** The duplicates a worker found in a list: the pairs without their explanations, and the model. */
export interface Duplicates {
  readonly pairs: ReadonlyArray<
    Pick<LinkedPair, 'leftId' | 'rightId' | 'probability' | 'decision'>
  >;
  readonly model: TrainedModel;
}

/** A worker's failure as data: an AppError keeps its code and details across the thread. */
export interface WorkerFailure {
  code?: ErrorCode;
  message: string;
  details?: unknown;
}

/** A worker's answer: the levels it compared, or the file's records or failure as data. */
export type LinkageAnswer =
  | Int8Array
  | { ok: true; value: ListRecords | Duplicates | RuleBlocks[] }
  | { ok: false; failure: WorkerFailure };

/**
 * Worker threads for linking big lists, the calling thread working beside them: on two cores
 * one worker and this thread use both, without the cost of starting a second worker.
 */
export interface LinkagePool {
  /** Reads a list file into the engine's records (readListRecords): here, or in a worker while this thread reads another. */
  readRecords(file: string, options: ListReadOptions): Promise<ListRecords>;
  /** Compares the candidate pairs in shares, one per thread, merged in the pairs' order. */
  readonly runComparisons: ComparisonRunner;
  /**
   * Blocks lists of persons by some of the rules of the engine's settings for persons
   * (personListSettings) in a worker, while this thread blocks by the others.
   */
  readonly runPersonBlocking: BlockingRunner;
  /**
   * Finds the duplicates within a list of persons (dedupeList) wholly in a worker: this thread
   * only hands the records over, free for other work while it runs.
   */
  dedupe(records: LinkRecord[], thresholds: PersonThresholds, seed: number): Promise<Duplicates>;
  /** Ends the workers; pending requests fail. */
  close(): Promise<void>;
}

export interface LinkagePoolOptions {
  /** Threads in all, the calling one included (so at least 2); one per core by default. */
  readonly threads?: number;
  /** Fewer candidate pairs are compared on the calling thread: copying them out costs more. */
  readonly minParallelPairs?: number;
}

const WORKER_MODULE = new URL('./linkage.worker.ts', import.meta.url);

function errorOf(failure: WorkerFailure): Error {
  return failure.code === undefined
    ? new Error(`a linkage worker failed: ${failure.message}`)
    : new AppError(failure.code, failure.message, failure.details);
}

/** Starts the worker threads of a linkage pool (piscina); they load while the caller goes on. */
export function openLinkagePool(options: LinkagePoolOptions = {}): LinkagePool {
  const threads = Math.max(2, options.threads ?? availableParallelism());
  const minParallelPairs = options.minParallelPairs ?? 20_000;
  const pool = typescriptWorkerPool<LinkageTask, LinkageAnswer>(WORKER_MODULE, {
    threads: threads - 1,
  });
  let readingHere = 0;

  const run = async (task: LinkageTask, transferList: ArrayBuffer[] = []) => {
    const answer = await pool.run(task, { transferList });
    if (answer instanceof Int8Array) return answer;
    if (!answer.ok) throw errorOf(answer.failure);
    return answer.value;
  };

  return {
    async readRecords(file, read) {
      // This thread reads first, having the reader loaded; a worker reads a second file at once.
      if (readingHere === 0) {
        readingHere++;
        try {
          return await readListRecords(file, read);
        } finally {
          readingHere--;
        }
      }
      const { encoding, maxBytes, limits } = read;
      const task = {
        task: 'read' as const,
        file,
        encoding,
        maxBytes,
        ...(limits ? { limits } : {}),
      };
      return (await run(task)) as ListRecords;
    },

    async runComparisons(job) {
      const count = job.pairs.left.length;
      if (count < minParallelPairs) return runComparisonJob(job, 0, count);
      const bound = (share: number) => Math.round((count * share) / threads);
      // Shares 1.. go to the workers; share 0 is compared here while they work.
      const others = Array.from({ length: threads - 1 }, (_, worker) => {
        const [from, to] = [bound(worker + 1), bound(worker + 2)];
        const pairs = {
          left: job.pairs.left.slice(from, to),
          right: job.pairs.right.slice(from, to),
        };
        const transfer = [pairs.left.buffer, pairs.right.buffer] as ArrayBuffer[];
        return run({ task: 'compare', job: { ...job, pairs } }, transfer);
      });
      const pending = Promise.all(others);
      // Should comparing here throw, the workers' shares are no longer awaited: no unhandled failure.
      void pending.catch(() => undefined);
      const shares = [runComparisonJob(job, 0, bound(1)), ...((await pending) as Int8Array[])];
      const levels = new Int8Array(count * job.comparisons.length);
      let offset = 0;
      for (const share of shares) {
        levels.set(share, offset);
        offset += share.length;
      }
      return levels;
    },

    async runPersonBlocking(job) {
      if (job.rules.length === 0) return [];
      const { left, right, ...rest } = job;
      const columns = { left: columnsOf(left), right: right === null ? null : columnsOf(right) };
      return (await run({ task: 'block', job: { ...rest, ...columns } })) as RuleBlocks[];
    },

    async dedupe(records, thresholds, seed) {
      return (await run({ task: 'dedupe', records, thresholds, seed })) as Duplicates;
    },

    async close() {
      await pool.destroy();
    },
  };
}
