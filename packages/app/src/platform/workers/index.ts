import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

const BOOTSTRAP = fileURLToPath(new URL('./ts-worker.mjs', import.meta.url));
// Built (packages/app/dist), this code is JavaScript, and each worker module is compiled beside
// the chunk that names it (scripts/build-app.mjs): the thread loads it as it is, without tsx.
const IS_BUILT = import.meta.url.endsWith('.js');

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
    ...(IS_BUILT
      ? { filename: fileURLToPath(module).replace(/\.ts$/, '.js') }
      : { filename: BOOTSTRAP, workerData: { module: module.href } }),
    minThreads: options.threads,
    maxThreads: options.threads,
  });
}
