/**
 * A linkage worker thread: reads list files and compares shares of candidate pairs for the
 * linkage pool (linkage-pool.ts), one request at a time.
 */
import { parentPort } from 'node:worker_threads';
import { runComparisonJob } from '@parley/engine';
import { AppError } from '../../platform/errors.ts';
import type { LinkageRequest, LinkageResponse, WorkerFailure } from './linkage-pool.ts';
import { readListRecords } from './list-records.ts';

function failureOf(error: unknown): WorkerFailure {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, details: error.details };
  }
  return { message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

async function answer(request: LinkageRequest): Promise<LinkageResponse> {
  try {
    switch (request.task) {
      case 'read':
        return { id: request.id, ok: true, value: await readListRecords(request.file, request) };
      case 'compare': {
        const levels = runComparisonJob(request.job, 0, request.job.pairs.left.length);
        return { id: request.id, ok: true, value: levels };
      }
    }
  } catch (error) {
    return { id: request.id, ok: false, failure: failureOf(error) };
  }
}

parentPort?.on('message', (request: LinkageRequest) => {
  void answer(request).then((response) => {
    // The levels are handed over, not copied: they are the bulk of the answer.
    const levels = response.ok && response.value instanceof Int8Array ? response.value : null;
    parentPort?.postMessage(response, levels ? [levels.buffer as ArrayBuffer] : []);
  });
});
