import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  runComparisonJob,
  type ComparisonJob,
  type ComparisonRunner,
  type LinkRecord,
} from '@parley/engine';
import { AppError, type ErrorCode } from '../../platform/errors.ts';
import type { ListReadOptions } from './list-records.ts';

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
  | { id: number; ok: true; value: LinkRecord[] | Int8Array }
  | { id: number; ok: false; failure: WorkerFailure };

/** Threads for linking big lists: they read the list files and compare candidate pairs. */
export interface LinkagePool {
  /** Reads a list file into the engine's records in a worker (readListRecords). */
  readRecords(file: string, options: ListReadOptions): Promise<LinkRecord[]>;
  /** Compares the candidate pairs in shares, one per worker, merged in the pairs' order. */
  readonly runComparisons: ComparisonRunner;
  /** Ends the workers; pending requests fail. */
  close(): Promise<void>;
}

export interface LinkagePoolOptions {
  /** Worker threads; one per core by default. */
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
  readonly resolve: (value: LinkRecord[] | Int8Array) => void;
  readonly reject: (error: Error) => void;
}

function errorOf(failure: WorkerFailure): Error {
  return failure.code === undefined
    ? new Error(`a linkage worker failed: ${failure.message}`)
    : new AppError(failure.code, failure.message, failure.details);
}

/** Starts the worker threads of a linkage pool; they load while the caller goes on. */
export function openLinkagePool(options: LinkagePoolOptions = {}): LinkagePool {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const minParallelPairs = options.minParallelPairs ?? 20_000;
  const queue: Task[] = [];
  const running = new Map<number, Task>();
  const idle: Worker[] = [];
  let nextId = 0;
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
  const workers = Array.from({ length: threads }, () => {
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
    new Promise<LinkRecord[] | Int8Array>((resolve, reject) => {
      if (failure !== null) return reject(failure);
      queue.push({ request, transfer, resolve, reject });
      dispatch();
    });

  return {
    readRecords: async (file, read) =>
      (await run({
        task: 'read',
        file,
        encoding: read.encoding,
        maxBytes: read.maxBytes,
      })) as LinkRecord[],

    async runComparisons(job) {
      const count = job.pairs.left.length;
      if (count < minParallelPairs) return runComparisonJob(job, 0, count);
      const bound = (share: number) => Math.round((count * share) / threads);
      const shares = await Promise.all(
        workers.map((_, share) => {
          const pairs = {
            left: job.pairs.left.slice(bound(share), bound(share + 1)),
            right: job.pairs.right.slice(bound(share), bound(share + 1)),
          };
          return run({ task: 'compare', job: { ...job, pairs } }, [
            pairs.left.buffer,
            pairs.right.buffer,
          ]);
        }),
      );
      const levels = new Int8Array(count * job.comparisons.length);
      let offset = 0;
      for (const share of shares as Int8Array[]) {
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
