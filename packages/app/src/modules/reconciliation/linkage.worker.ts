/**
 * A linkage worker thread (piscina): reads a list file, compares a share of the candidate
 * pairs, or finds the duplicates within a list, for the linkage pool (linkage-pool.ts).
 */
import { Piscina } from 'piscina';
import { blocksOf, dedupeList, personListSettings, runComparisonJob } from '@parley/engine';
import { AppError } from '../../platform/errors.ts';
import type {
  LinkageAnswer,
  LinkageTask,
  PersonBlockingJob,
  WorkerFailure,
} from './linkage-pool.ts';
import { recordsOfColumns } from './person-key-columns.ts';
import { readListRecords } from './list-records.ts';

function failureOf(error: unknown): WorkerFailure {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, details: error.details };
  }
  return { message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/** The blocks of the job's rules, their typed arrays handed over, not copied. */
function blocksMoved(job: PersonBlockingJob): LinkageAnswer {
  const { rules } = personListSettings().blocking;
  const left = recordsOfColumns(job.left);
  const right = job.right === null ? null : recordsOfColumns(job.right);
  const value = job.rules.map((r) => blocksOf(left, right, rules[r]!, job.maxBlockPairs));
  const buffers = new Set<ArrayBufferLike>();
  for (const blocks of value) {
    for (const members of [blocks.left, blocks.right, blocks.base.right]) {
      buffers.add(members.start.buffer).add(members.ids.buffer);
    }
    if (blocks.keys) buffers.add(blocks.keys.left.buffer).add(blocks.keys.right.buffer);
  }
  const answer = { ok: true as const, value };
  // Piscina hands over what a Transferable names (its symbols are not typed as such).
  const transferable = {
    [Piscina.transferableSymbol]: [...buffers],
    [Piscina.valueSymbol]: answer,
  } as unknown as Parameters<typeof Piscina.move>[0];
  return Piscina.move(transferable) as unknown as LinkageAnswer;
}

export default async function answer(task: LinkageTask): Promise<LinkageAnswer> {
  if (task.task === 'compare') {
    const levels = runComparisonJob(task.job, 0, task.job.pairs.left.length);
    // The levels are handed over, not copied: they are the bulk of the answer.
    return Piscina.move(levels) as Int8Array;
  }
  try {
    if (task.task === 'block') return blocksMoved(task.job);
    if (task.task === 'dedupe') {
      const { pairs, model } = dedupeList(task.records, personListSettings(task.thresholds), {
        seed: task.seed,
      });
      const slim = pairs.map(({ leftId, rightId, probability, decision }) => ({
        leftId,
        rightId,
        probability,
        decision,
      }));
      return { ok: true, value: { pairs: slim, model } };
    }
    return { ok: true, value: await readListRecords(task.file, task) };
  } catch (error) {
    return { ok: false, failure: failureOf(error) };
  }
}
