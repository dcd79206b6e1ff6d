/**
 * autocannon's setupRequest for the API reads benchmark's search cases, loaded by its worker
 * thread (which takes a file, not a function): each request, whichever connection sends it, asks
 * for the next search of the list in PARLEY_BENCH_SEARCH_FILE (a JSON array of paths), starting at
 * PARLEY_BENCH_SEARCH_START, so that no search is sent twice while the list lasts.
 */
'use strict';
// autocannon's worker loads this file with require(), so it is CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = require('node:fs');

let paths;
let next;

module.exports = function setupRequest(request) {
  if (paths === undefined) {
    paths = JSON.parse(fs.readFileSync(process.env.PARLEY_BENCH_SEARCH_FILE, 'utf8'));
    next = Number(process.env.PARLEY_BENCH_SEARCH_START ?? 0);
  }
  return { ...request, path: paths[next++ % paths.length] };
};
