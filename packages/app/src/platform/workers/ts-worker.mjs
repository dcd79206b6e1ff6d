// The entry of a piscina worker thread that runs a TypeScript module (workerData.module, a file
// URL). tsx registered on the main thread does not reach worker threads, and `--import tsx` in a
// worker's execArgv does not load .ts files there either (tsx issue 354), so the worker
// registers it itself, as bin/parley.js does for the process, and hands piscina the module's
// default export.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const loaded = await import(workerData.module);
export default loaded.default;
