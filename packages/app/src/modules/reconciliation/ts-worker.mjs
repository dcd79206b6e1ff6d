// The entry of a worker thread that runs a TypeScript module (workerData.module, a file URL).
// tsx registered on the main thread does not reach worker threads, and `--import tsx` in a
// worker's execArgv does not load .ts files there either (tsx issue 354), so each worker
// registers tsx itself, as bin/parley.js does for the process.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
