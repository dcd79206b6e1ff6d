import type { StoredEntry } from './audit-entry.ts';
import { leafHash, TreeBuilder } from './merkle-tree.ts';
import { copiedPageEntries } from './copied-page.ts';
import { canonicalRowEntries, checkedRowEntries, storedPageEntries } from './page-entries.ts';

/**
 * A page of the log checked on its own, so that pages can be checked side by side in worker
 * threads: each entry's hash and its link to the one before, and the page's part of the Merkle
 * tree. A page starts at a leaf index that is a multiple of its size (a power of two), so its
 * leaves form perfect subtrees of the whole tree and the pages' results combine in order.
 */
export interface PageTask {
  /** The leaf index of the page's first entry: its seq is `start + 1`. */
  start: number;
  /**
   * The entries as stored rows, as rows with their canonical form, as rows the database already
   * hashed, or as PGlite copies them out in binary (copied-page.ts).
   */
  entries: StoredEntry[] | CanonicalRow[] | CheckedRow[] | Uint8Array;
  /** Tree sizes inside this page (start < size ≤ start + page size) whose roots are asked for. */
  cuts: number[];
  /** Seqs whose chain hash is asked for (the signed checkpoints of the log before its tree). */
  hashesAt: number[];
}

/** A subtree root, hex: 2^level leaves. */
export interface PageNode {
  level: number;
  hash: string;
}

export interface PageResult {
  start: number;
  /** Entries checked and found whole, in order from `start + 1`. */
  count: number;
  /** The seq of the page's first entry, null for an empty page. */
  firstSeq: number | null;
  /** The prev_hash of the page's first entry, which must be the hash of the last entry before it. */
  firstPrevHash: string | null;
  lastHash: string | null;
  /** The perfect subtrees of the page's good entries, largest first. */
  nodes: PageNode[];
  /** For each size asked for and reached: the perfect subtrees of [start, size). */
  cuts: Array<{ size: number; nodes: PageNode[] }>;
  hashesAt: Array<{ seq: number; hash: string }>;
  /** The first entry of the page that does not hold, and why; null when all hold. */
  failure: { seq: number; problem: string } | null;
}

const toNodes = (builder: TreeBuilder): PageNode[] => {
  // The builder's subtrees are the binary digits of its size, largest first.
  const levels: number[] = [];
  for (let rest = builder.size, bit = 0; rest > 0; rest = Math.floor(rest / 2), bit++)
    if (rest % 2 === 1) levels.unshift(bit);
  return builder.nodes().map((node, i) => ({ level: levels[i]!, hash: node.toString('hex') }));
};

/** seq, prev_hash, hash and the canonical form, for this process to hash. */
type CanonicalRow = [number, string, string, string];
/** seq, prev_hash, hash, whether the database found the hash to hold, and what a broken entry was. */
type CheckedRow = [number, string, string, boolean, string | null];

function isCanonicalRows(
  entries: StoredEntry[] | CanonicalRow[] | CheckedRow[],
): entries is CanonicalRow[] {
  const first = entries[0];
  return Array.isArray(first) && typeof first[3] === 'string';
}

function isCheckedRows(
  entries: StoredEntry[] | CanonicalRow[] | CheckedRow[],
): entries is CheckedRow[] {
  const first = entries[0];
  return Array.isArray(first) && typeof first[3] === 'boolean';
}

/** Checks a page of entries; stops at the first entry that does not hold. */
export function verifyPage(task: PageTask): PageResult {
  const { start } = task;
  const entries =
    task.entries instanceof Uint8Array
      ? copiedPageEntries(task.entries)
      : isCheckedRows(task.entries)
        ? checkedRowEntries(task.entries)
        : isCanonicalRows(task.entries)
          ? canonicalRowEntries(task.entries)
          : storedPageEntries(task.entries);
  const cuts = new Set(task.cuts);
  const hashesAt = new Set(task.hashesAt);
  const result: PageResult = {
    start,
    count: 0,
    firstSeq: null,
    firstPrevHash: null,
    lastHash: null,
    nodes: [],
    cuts: [],
    hashesAt: [],
    failure: null,
  };
  const builder = new TreeBuilder();
  let previousHash: string | null = null;
  for (const entry of entries) {
    const seq = start + result.count + 1;
    if (result.firstSeq === null) {
      result.firstSeq = entry.seq;
      result.firstPrevHash = entry.prevHash;
    }
    if (entry.seq !== seq) {
      result.failure = { seq, problem: `entry ${seq} is missing (the next is ${entry.seq})` };
      break;
    }
    if (previousHash !== null && entry.prevHash !== previousHash) {
      result.failure = {
        seq,
        problem: `entry ${seq} does not link to entry ${seq - 1}: an entry was changed, removed or inserted`,
      };
      break;
    }
    if (!entry.isIntact) {
      result.failure = {
        seq,
        problem: `entry ${seq} (${entry.describe()}) was changed after it was written`,
      };
      break;
    }
    builder.addLeaf(leafHash(entry.hash));
    previousHash = entry.hash;
    result.count++;
    if (cuts.has(seq)) result.cuts.push({ size: seq, nodes: toNodes(builder) });
    if (hashesAt.has(seq)) result.hashesAt.push({ seq, hash: entry.hash });
  }
  result.lastHash = previousHash;
  result.nodes = toNodes(builder);
  return result;
}
