import type { Database } from '../../platform/db/kysely.ts';
import type { DeploymentKeys } from '../../platform/crypto/deployment-keys.ts';
import { AppError } from '../../platform/errors.ts';
import * as entries from './audit.repository.ts';
import * as repo from './tree.repository.ts';
import { GENESIS_HASH, isStoredEntryIntact, type StoredEntry } from './domain/audit-entry.ts';
import {
  consistencyRanges,
  foldRange,
  inclusionRanges,
  leafHash,
  nodeHash,
  rangeNodes,
  rootOf,
  TreeBuilder,
  verifyConsistency,
  type NodeRef,
  type ProofRange,
} from './domain/merkle-tree.ts';
import { treeHeadMessage, type TreeHead } from './domain/tree-head.ts';

/** Subtrees of 2^8 = 256 leaves and larger are stored; smaller ones are hashed from the entries. */
export const STORED_LEVEL = 8;
const CHUNK = 2 ** STORED_LEVEL;
/** Entries read at a time while checking the tail before a head is signed. */
const TAIL_BATCH = 10_000;

/** An inclusion proof, as the API and the CLI give it (docs/security.md, section 4). */
export interface InclusionProof {
  seq: number;
  leafIndex: number;
  treeSize: number;
  entryHash: string;
  leafHash: string;
  path: string[];
  /** The signed head of `treeSize` entries, which the path leads to. */
  head: TreeHead;
}

/** A consistency proof between two tree sizes, as the API and the CLI give it. */
export interface ConsistencyProof {
  fromSize: number;
  toSize: number;
  path: string[];
  /** The signed head of `fromSize` entries, if the log still keeps one. */
  fromHead: TreeHead | null;
  toHead: TreeHead;
}

const chainBroken = (message: string) => new AppError('AUDIT.CHAIN_BROKEN', message);

/**
 * Signed tree heads and proofs over the log's stored subtrees. A new head is signed only over
 * a tail that holds (each hash and link since the previous head) and whose tree is proven
 * consistent with the previous head, so that no head ever vouches for a rewritten history.
 */
export function createTreeHeads({
  db,
  keys,
  clock,
}: {
  db: Database;
  keys: DeploymentKeys;
  clock: () => Date;
}) {
  /** The hashes of perfect subtrees: stored ones, or from the entries' hashes below STORED_LEVEL. */
  async function subtrees(
    trx: Database,
    refs: readonly NodeRef[],
    known: ReadonlyMap<string, Buffer> = new Map(),
    leaves: { start: number; hashes: readonly Buffer[] } = { start: 0, hashes: [] },
  ): Promise<Buffer[]> {
    const stored = await repo.findNodes(
      trx,
      refs.filter((r) => r.level >= STORED_LEVEL && !known.has(repo.nodeKey(r.level, r.index))),
    );
    const chunks = new Map<number, Buffer[]>();
    const leavesOf = async (first: number, count: number): Promise<Buffer[]> => {
      if (first >= leaves.start && first + count <= leaves.start + leaves.hashes.length)
        return leaves.hashes.slice(first - leaves.start, first - leaves.start + count);
      const chunk = Math.floor(first / CHUNK);
      let hashes = chunks.get(chunk);
      if (!hashes) {
        const read = await entries.entryHashes(trx, chunk * CHUNK + 1, chunk * CHUNK + CHUNK);
        hashes = read.map(leafHash);
        chunks.set(chunk, hashes);
      }
      const slice = hashes.slice(first - chunk * CHUNK, first - chunk * CHUNK + count);
      if (slice.length !== count)
        throw chainBroken(`entries ${first + 1} to ${first + count} are not all in the log`);
      return slice;
    };
    const result: Buffer[] = [];
    for (const ref of refs) {
      const key = repo.nodeKey(ref.level, ref.index);
      const hash = known.get(key) ?? stored.get(key);
      if (hash) result.push(hash);
      else if (ref.level < STORED_LEVEL)
        result.push(rootOf(await leavesOf(ref.index * 2 ** ref.level, 2 ** ref.level)));
      else throw chainBroken(`the stored subtree ${key} of the log's tree is missing`);
    }
    return result;
  }

  async function proofPath(
    trx: Database,
    ranges: readonly ProofRange[],
    known?: ReadonlyMap<string, Buffer>,
    leaves?: { start: number; hashes: readonly Buffer[] },
  ): Promise<Buffer[]> {
    const parts = ranges.map(([start, end]) => rangeNodes(start, end));
    const hashes = await subtrees(trx, parts.flat(), known, leaves);
    let at = 0;
    return parts.map((nodes) => foldRange(hashes.slice(at, (at += nodes.length))));
  }

  /**
   * Reads and checks the entries first..last in batches, each hash and each link, the first
   * entry's to the stored entry before it; the first that does not hold stops the head.
   */
  async function checkedLeaves(trx: Database, first: number, last: number): Promise<Buffer[]> {
    const leaves: Buffer[] = [];
    const [before] =
      first > 1 ? await entries.entryHashes(trx, first - 1, first - 1) : [GENESIS_HASH];
    let previous: Pick<StoredEntry, 'hash'> | undefined = before ? { hash: before } : undefined;
    for (let from = first; from <= last; from += TAIL_BATCH) {
      const batch = await entries.storedEntries(trx, from, Math.min(last, from + TAIL_BATCH - 1));
      for (const entry of batch) {
        const seq = first + leaves.length;
        if (entry.seq !== seq)
          throw chainBroken(`entry ${seq} is missing (the next is ${entry.seq})`);
        if (previous && entry.prevHash !== previous.hash)
          throw chainBroken(`entry ${seq} does not link to entry ${seq - 1}`);
        if (!isStoredEntryIntact(entry))
          throw chainBroken(
            `entry ${seq} (${entry.action} by ${entry.actor}) was changed after it was written`,
          );
        leaves.push(leafHash(entry.hash));
        previous = entry;
      }
    }
    if (leaves.length !== last - first + 1)
      throw chainBroken(`entry ${first + leaves.length} is missing`);
    return leaves;
  }

  /**
   * The tree from the stored subtrees before `chunkStart` and the given leaves after it; the
   * subtrees of STORED_LEVEL and above that the leaves complete are collected in `fresh`.
   */
  async function growTree(
    trx: Database,
    chunkStart: number,
    leaves: readonly Buffer[],
    previous: TreeHead | null,
  ) {
    const frontierRefs = rangeNodes(0, chunkStart);
    const frontier = await subtrees(trx, frontierRefs);
    const known = new Map(
      frontierRefs.map((r, i) => [repo.nodeKey(r.level, r.index), frontier[i]!]),
    );
    const fresh: Array<NodeRef & { hash: Buffer }> = [];
    const addSubtree = (level: number, index: number, hash: Buffer): void => {
      known.set(repo.nodeKey(level, index), hash);
      fresh.push({ level, index, hash });
      const left = index % 2 === 1 ? known.get(repo.nodeKey(level, index - 1)) : undefined;
      if (left) addSubtree(level + 1, (index - 1) / 2, nodeHash(left, hash));
    };
    const tree = new TreeBuilder();
    frontierRefs.forEach((r, i) => tree.addNode(frontier[i]!, r.level));
    const underPrevious = (previous?.treeSize ?? 0) - chunkStart;
    for (const [i, leaf] of leaves.entries()) {
      if (previous && i === underPrevious) checkPrevious(tree, previous);
      tree.addLeaf(leaf);
      const size = chunkStart + i + 1;
      if (size % CHUNK === 0) {
        const chunk = leaves.slice(size - CHUNK - chunkStart, size - chunkStart);
        addSubtree(STORED_LEVEL, size / CHUNK - 1, rootOf(chunk));
      }
    }
    if (previous && underPrevious === leaves.length) checkPrevious(tree, previous);
    return { tree, known, fresh };
  }

  function checkPrevious(tree: TreeBuilder, previous: TreeHead): void {
    if (!tree.root().equals(Buffer.from(previous.rootHash, 'hex')))
      throw chainBroken(
        `the log's first ${previous.treeSize} entries no longer match the head signed over them at ${previous.signedAt}: an entry was rewritten (parley audit verify names it)`,
      );
  }

  /**
   * Signs a head over the whole log as it is now (under the appenders' lock), unless the newest
   * head covers it already. Refuses, naming the entry, when the tail since the previous head
   * does not hold or its tree is not proven consistent with that head.
   */
  async function signHeadIn(trx: Database): Promise<TreeHead | null> {
    const tail = await entries.lockTail(trx);
    const previous = await repo.latestHead(trx);
    if (!tail) {
      if (previous)
        throw chainBroken(
          `the log is empty, but a head was signed over ${previous.treeSize} entries`,
        );
      return null;
    }
    if (previous?.treeSize === tail.seq) return previous;
    if (previous && previous.treeSize > tail.seq)
      throw chainBroken(
        `the log holds ${tail.seq} entries, but a head was signed over ${previous.treeSize}: it was cut short`,
      );
    const from = previous?.treeSize ?? 0;
    // From the start of the chunk the previous head ended in: its leaves are checked against it.
    const chunkStart = Math.floor(from / CHUNK) * CHUNK;
    const leaves = await checkedLeaves(trx, chunkStart + 1, tail.seq);
    const { tree, known, fresh } = await growTree(trx, chunkStart, leaves, previous);
    if (previous) {
      // Proven as a witness would prove it: the consistency proof from the previous head.
      const path = await proofPath(trx, consistencyRanges(from, tail.seq), known, {
        start: chunkStart,
        hashes: leaves,
      });
      const previousRoot = Buffer.from(previous.rootHash, 'hex');
      if (!verifyConsistency(from, tail.seq, previousRoot, tree.root(), path))
        throw chainBroken(
          `the tree of ${tail.seq} entries is not consistent with the head of ${from}`,
        );
    }
    const unsigned = {
      treeSize: tail.seq,
      rootHash: tree.root().toString('hex'),
      signedAt: clock().toISOString(),
      previous: previous ? { treeSize: previous.treeSize, rootHash: previous.rootHash } : null,
    };
    const head: TreeHead = {
      ...unsigned,
      keyId: keys.keyId,
      signature: keys.sign(treeHeadMessage(unsigned)),
    };
    await repo.insertNodes(trx, fresh);
    await repo.insertHead(trx, head);
    return head;
  }

  async function headFor(trx: Database, size: number, what: string): Promise<TreeHead> {
    const head = await repo.findHead(trx, size);
    if (!head)
      throw new AppError('AUDIT.NO_SUCH_HEAD', `no head was signed over ${size} entries (${what})`);
    return head;
  }

  return {
    signHeadIn,

    /** Signs a head now in a transaction of its own (the server does every few minutes). */
    signHead: (): Promise<TreeHead | null> => db.transaction().execute(signHeadIn),

    latestHead: () => repo.latestHead(db),

    heads: () => repo.findHeads(db),

    head: (size: number) => repo.findHead(db, size),

    /** The proof that entry `seq` is in the tree of a signed head (the newest by default). */
    inclusionProof: async (seq: number, treeSize?: number): Promise<InclusionProof> => {
      const head =
        treeSize === undefined
          ? await repo.latestHead(db)
          : await headFor(db, treeSize, 'the tree size asked for');
      if (!head) throw new AppError('AUDIT.NO_SUCH_HEAD', 'no tree head has been signed yet');
      if (!(seq >= 1 && seq <= head.treeSize))
        throw new AppError(
          'AUDIT.NO_SUCH_ENTRY',
          `entry ${seq} is not in the head of ${head.treeSize} entries`,
        );
      const [entryHash] = await entries.entryHashes(db, seq, seq);
      if (!entryHash) throw chainBroken(`entry ${seq} is missing`);
      const path = await proofPath(db, inclusionRanges(seq - 1, head.treeSize));
      return {
        seq,
        leafIndex: seq - 1,
        treeSize: head.treeSize,
        entryHash,
        leafHash: leafHash(entryHash).toString('hex'),
        path: path.map((h) => h.toString('hex')),
        head,
      };
    },

    /** The proof that the tree of `toSize` entries (a signed head; the newest by default) extends the tree of `fromSize`. */
    consistencyProof: async (fromSize: number, toSize?: number): Promise<ConsistencyProof> => {
      const toHead =
        toSize === undefined
          ? await repo.latestHead(db)
          : await headFor(db, toSize, 'the later size');
      if (!toHead) throw new AppError('AUDIT.NO_SUCH_HEAD', 'no tree head has been signed yet');
      if (!(fromSize >= 1 && fromSize <= toHead.treeSize))
        throw new AppError(
          'AUDIT.NO_SUCH_HEAD',
          `no consistency proof from ${fromSize} to ${toHead.treeSize} entries: the earlier size must be 1 to ${toHead.treeSize}`,
        );
      const path = await proofPath(db, consistencyRanges(fromSize, toHead.treeSize));
      return {
        fromSize,
        toSize: toHead.treeSize,
        path: path.map((h) => h.toString('hex')),
        fromHead: await repo.findHead(db, fromSize),
        toHead,
      };
    },
  };
}

export type TreeHeads = ReturnType<typeof createTreeHeads>;
