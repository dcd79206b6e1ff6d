import { GENESIS_HASH, isStoredEntryIntact, type StoredEntry } from './audit-entry.ts';

export interface AuditCheckpoint {
  seq: number;
  hash: string;
  signedAt: string;
  keyId: string;
  signature: string;
}

export type ChainVerdict =
  | { ok: true; entries: number; checkpoints: number; lastHash: string }
  | { ok: false; entries: number; checkpoints: number; seq: number; problem: string };

/** The message a checkpoint signs: it binds the position, the hash there and the time. */
export function checkpointMessage(
  checkpoint: Pick<AuditCheckpoint, 'seq' | 'hash' | 'signedAt'>,
): string {
  return `parley-audit-checkpoint:${checkpoint.seq}:${checkpoint.hash}:${checkpoint.signedAt}`;
}

/**
 * Walks the entries in order, recomputing each hash and link, and checks every checkpoint's
 * signature and hash; the verdict names the first entry that does not hold.
 */
export async function verifyChain(
  pages: AsyncIterable<readonly StoredEntry[]>,
  checkpoints: readonly AuditCheckpoint[],
  isValidSignature: (checkpoint: AuditCheckpoint) => boolean,
): Promise<ChainVerdict> {
  const pending = new Map(checkpoints.map((c) => [c.seq, c]));
  let previous = { seq: 0, hash: GENESIS_HASH };
  let count = 0;
  const broken = (seq: number, problem: string): ChainVerdict => ({
    ok: false,
    entries: count,
    checkpoints: checkpoints.length - pending.size,
    seq,
    problem,
  });
  // Pages, not single entries: a million awaits would cost more than the hashing.
  for await (const page of pages) {
    for (const entry of page) {
      count++;
      if (entry.seq !== previous.seq + 1) {
        return broken(
          previous.seq + 1,
          `entry ${previous.seq + 1} is missing (the next is ${entry.seq})`,
        );
      }
      if (entry.prevHash !== previous.hash) {
        return broken(
          entry.seq,
          `entry ${entry.seq} does not link to entry ${previous.seq}: an entry was changed, removed or inserted`,
        );
      }
      const { hash } = entry;
      if (!isStoredEntryIntact(entry)) {
        return broken(
          entry.seq,
          `entry ${entry.seq} (${entry.action} by ${entry.actor}) was changed after it was written`,
        );
      }
      const checkpoint = pending.get(entry.seq);
      if (checkpoint) {
        pending.delete(entry.seq);
        if (checkpoint.hash !== hash)
          return broken(
            entry.seq,
            `the checkpoint at entry ${entry.seq} was signed over another hash`,
          );
        if (!isValidSignature(checkpoint))
          return broken(entry.seq, `the checkpoint at entry ${entry.seq} has an invalid signature`);
      }
      previous = { seq: entry.seq, hash };
    }
  }
  const orphan = [...pending.keys()].sort((a, b) => a - b)[0];
  if (orphan !== undefined) {
    return broken(
      orphan,
      `a checkpoint names entry ${orphan}, which is missing: the log was cut short`,
    );
  }
  return { ok: true, entries: count, checkpoints: checkpoints.length, lastHash: previous.hash };
}
