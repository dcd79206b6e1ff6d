import { verifyConsistency } from './merkle.ts';

/** A signed tree head of the audit log, as GET /api/v1/audit/head answers it. */
export interface TreeHead {
  treeSize: number;
  rootHash: string;
  signedAt: string;
  previous: { treeSize: number; rootHash: string } | null;
  keyId: string;
  signature: string;
}

/**
 * What the browser concludes from the head it kept and the head the server shows now:
 * - `kept`: the head is kept (the first one, or a later one proven consistent with the last);
 * - `cut`: the log shows fewer entries than this browser saw;
 * - `rewritten`: the log no longer extends what this browser saw.
 */
export type WitnessVerdict =
  | { status: 'kept'; now: TreeHead | null }
  | { status: 'cut' | 'rewritten'; seen: TreeHead; now: TreeHead };

/** Where the browser keeps the last head it saw: per deployment, since storage is per origin. */
export const SEEN_HEAD_KEY = 'parley.audit.seenHead';

export interface WitnessDeps {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  latestHead(): Promise<TreeHead | null>;
  consistencyProof(from: number, to: number): Promise<string[]>;
}

function seenHead(storage: WitnessDeps['storage']): TreeHead | null {
  try {
    const value = JSON.parse(storage.getItem(SEEN_HEAD_KEY) ?? 'null') as TreeHead | null;
    return value && typeof value.treeSize === 'number' && typeof value.rootHash === 'string'
      ? value
      : null;
  } catch {
    return null;
  }
}

/**
 * Checks the server's newest head against the last one this browser kept, and keeps the new one
 * only if the log grew from the old: a head that fails is never kept, so the warning stays.
 */
export async function witnessLog(deps: WitnessDeps): Promise<WitnessVerdict> {
  const now = await deps.latestHead();
  if (!now) return { status: 'kept', now };
  const seen = seenHead(deps.storage);
  if (seen) {
    if (now.treeSize < seen.treeSize) return { status: 'cut', seen, now };
    const proof =
      now.treeSize > seen.treeSize ? await deps.consistencyProof(seen.treeSize, now.treeSize) : [];
    const isConsistent = await verifyConsistency(
      seen.treeSize,
      now.treeSize,
      seen.rootHash,
      now.rootHash,
      proof,
    );
    if (!isConsistent) return { status: 'rewritten', seen, now };
  }
  deps.storage.setItem(SEEN_HEAD_KEY, JSON.stringify(now));
  return { status: 'kept', now };
}
