import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runComparisonJob, type ComparisonJob, type ComparisonRunner } from '@parley/engine';
import { AppError, type ErrorCode } from '../../platform/errors.ts';
import { type ListReadOptions, type ListRecords, readListRecords } from './list-records.ts';

/** What the pool asks a worker (linkage.worker.ts). */
export type LinkageRequest =
  | ({ id: number; task: 'read'; file: string } & ListReadOptions)
  | { id: number; task: 'compare'; job: ComparisonJob };

/** A worker's failure as data: an AppError keeps its code and details across the thread. */
export interface WorkerFailure {
  code?: ErrorCode;
  message: string;
  details?: unknown;
}

/** A worker's answer to the request with the same id. */
export type LinkageResponse =
  | { id: number; ok: true; value: ListRecords | Int8Array }
  | { id: number; ok: false; failure: WorkerFailure };

/**
 * Worker threads for linking big lists, the calling thread working beside them: on two cores
 * one worker and this thread use both, without the cost of starting a second worker.
 */
export interface LinkagePool {
  /** Reads a list file into the engine's records (readListRecords): here, or in an idle worker while this thread reads another. */
  readRecords(file: string, options: ListReadOptions): Promise<ListRecords>;
  /** Compares the candidate pairs in shares, one per thread, merged in the pairs' order. */
  readonly runComparisons: ComparisonRunner;
  /** Ends the workers; pending requests fail. */
  close(): Promise<void>;
}

export interface LinkagePoolOptions {
  /** Threads in all, the calling one included (so at least 2); one per core by default. */
  readonly threads?: number;
  /** Fewer candidate pairs are compared on the calling thread: copying them out costs more. */
  readonly minParallelPairs?: number;
}

const BOOTSTRAP = new URL('./ts-worker.mjs', import.meta.url);
const WORKER_MODULE = new URL('./linkage.worker.ts', import.meta.url).href;

type Request = { task: 'read'; file: string } & ListReadOptions;
type CompareRequest = { task: 'compare'; job: ComparisonJob };

interface Task {
  readonly request: Request | CompareRequest;
  readonly transfer: ArrayBuffer[];
  readonly resolve: (value: ListRecords | Int8Array) => void;
  readonly reject: (error: Error) => void;
}

function errorOf(failure: WorkerFailure): Error {
  return failure.code === undefined
    ? new Error(`a linkage worker failed: ${failure.message}`)
    : new AppError(failure.code, failure.message, failure.details);
}

/** Starts the worker threads of a linkage pool; they load while the caller goes on. */
export function openLinkagePool(options: LinkagePoolOptions = {}): LinkagePool {
  const threads = Math.max(2, options.threads ?? availableParallelism());
  const minParallelPairs = options.minParallelPairs ?? 20_000;
  const queue: Task[] = [];
  const running = new Map<number, Task>();
  const idle: Worker[] = [];
  let nextId = 0;
  let readingHere = 0;
  let failure: Error | null = null;

  const fail = (error: Error) => {
    failure ??= error;
    for (const task of [...queue.splice(0), ...running.values()]) task.reject(failure);
    running.clear();
  };
  const dispatch = () => {
    while (failure === null && idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const task = queue.shift()!;
      const id = nextId++;
      running.set(id, task);
      worker.postMessage({ id, ...task.request }, task.transfer);
    }
  };
  const workers = Array.from({ length: threads - 1 }, () => {
    const worker = new Worker(BOOTSTRAP, { workerData: { module: WORKER_MODULE } });
    worker.on('message', (response: LinkageResponse) => {
      const task = running.get(response.id);
      running.delete(response.id);
      idle.push(worker);
      if (response.ok) task?.resolve(response.value);
      else task?.reject(errorOf(response.failure));
      dispatch();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a linkage worker stopped (exit code ${code})`)));
    idle.push(worker);
    return worker;
  });

  const run = (request: Task['request'], transfer: ArrayBuffer[] = []) =>
    new Promise<ListRecords | Int8Array>((resolve, reject) => {
      if (failure !== null) return reject(failure);
      queue.push({ request, transfer, resolve, reject });
      dispatch();
    });

  return {
    async readRecords(file, read) {
      // This thread reads first, having the reader loaded; a worker reads a second file at once.
      if (readingHere === 0 || idle.length === 0 || queue.length > 0) {
        readingHere++;
        try {
          return await readListRecords(file, read);
        } finally {
          readingHere--;
        }
      }
      const { encoding, maxBytes, limits } = read;
      const request = { task: 'read', file, encoding, maxBytes, ...(limits ? { limits } : {}) };
      return (await run(request as Request)) as ListRecords;
    },

    async runComparisons(job) {
      const count = job.pairs.left.length;
      if (count < minParallelPairs) return runComparisonJob(job, 0, count);
      const bound = (share: number) => Math.round((count * share) / threads);
      // Shares 1.. go to the workers; share 0 is compared here while they work.
      const others = workers.map((_, worker) => {
        const [from, to] = [bound(worker + 1), bound(worker + 2)];
        const pairs = {
          left: job.pairs.left.slice(from, to),
          right: job.pairs.right.slice(from, to),
        };
        return run({ task: 'compare', job: { ...job, pairs } }, [
          pairs.left.buffer,
          pairs.right.buffer,
        ]);
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

    async close() {
      fail(new Error('the linkage pool is closed'));
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
