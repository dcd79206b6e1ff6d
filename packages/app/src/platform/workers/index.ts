import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

const BOOTSTRAP = fileURLToPath(new URL('./ts-worker.mjs', import.meta.url));

export interface WorkerPoolOptions {
  /** The worker threads, started at once and kept while the pool lives. */
  readonly threads: number;
}

/**
 * A pool of worker threads (piscina) that run the default export of a TypeScript module, one
 * task at a time each. The module is given by its URL, `new URL('./x.worker.ts', import.meta.url)`.
 */
export function typescriptWorkerPool<Task, Result>(
  module: URL,
  options: WorkerPoolOptions,
): Piscina<Task, Result> {
  return new Piscina<Task, Result>({
    filename: BOOTSTRAP,
    workerData: { module: module.href },
    minThreads: options.threads,
    maxThreads: options.threads,
  });
}
