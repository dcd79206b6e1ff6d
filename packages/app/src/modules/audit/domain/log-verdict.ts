import { GENESIS_HASH } from './audit-entry.ts';
import { foldRange, TreeBuilder } from './merkle-tree.ts';
import type { PageResult } from './page-verifier.ts';
import { describeHead, type TreeHead } from './tree-head.ts';

/** A signed checkpoint of the log before it was a tree (migration 0012): a seq and its chain hash. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  signedAt: string;
  keyId: string;
  signature: string;
}

/** The message a checkpoint signed: the position, the hash there and the time. */
export function checkpointMessage(
  checkpoint: Pick<AuditCheckpoint, 'seq' | 'hash' | 'signedAt'>,
): string {
  return `parley-audit-checkpoint:${checkpoint.seq}:${checkpoint.hash}:${checkpoint.signedAt}`;
}

/** A head that someone outside the server kept: a witness file, a manifest, a receipt. */
export interface WitnessedHead {
  head: TreeHead;
  /** Where it was kept, as messages name it: `witness.json`, `manifest-3.json`. */
  source: string;
}

/** What a log is checked against besides its own entries. */
export interface LogAnchors {
  checkpoints: readonly AuditCheckpoint[];
  heads: readonly TreeHead[];
  witnessed: readonly WitnessedHead[];
}

export type ChainVerdict =
  | {
      ok: true;
      entries: number;
      checkpoints: number;
      heads: number;
      witnessed: number;
      lastHash: string;
      rootHash: string;
    }
  | {
      ok: false;
      entries: number;
      checkpoints: number;
      heads: number;
      witnessed: number;
      seq: number;
      problem: string;
    };

export interface SignatureChecks {
  checkpoint: (checkpoint: AuditCheckpoint) => boolean;
  head: (head: TreeHead) => boolean;
}

/** The sizes and seqs a page must report on: the anchors' positions. */
export function anchorPositions(anchors: LogAnchors): { cuts: number[]; hashesAt: number[] } {
  const cuts = new Set<number>();
  for (const head of anchors.heads) cuts.add(head.treeSize);
  for (const { head } of anchors.witnessed) if (head.treeSize > 0) cuts.add(head.treeSize);
  return {
    cuts: [...cuts].sort((a, b) => a - b),
    hashesAt: [...new Set(anchors.checkpoints.map((c) => c.seq))].sort((a, b) => a - b),
  };
}

type Failure = { seq: number; problem: string };

/**
 * Combines the pages of a log, in order, into one verdict: the links between pages, the tree's
 * root at every signed head and every head a witness kept, each head's signature and its link
 * to the head before, and the checkpoints of the log before it was a tree. The verdict names
 * the first entry that does not hold.
 */
export class LogVerdict {
  private readonly tree = new TreeBuilder();
  private previousHash = GENESIS_HASH;
  private entries = 0;
  private checkedCheckpoints = 0;
  private checkedHeads = 0;
  private checkedWitnessed = 0;
  private failure: Failure | null = null;
  private readonly headsBySize: Map<number, TreeHead>;
  private readonly witnessedBySize = new Map<number, WitnessedHead[]>();
  private readonly checkpointsBySeq = new Map<number, AuditCheckpoint[]>();

  constructor(
    private readonly anchors: LogAnchors,
    private readonly signatures: SignatureChecks,
  ) {
    this.headsBySize = new Map(anchors.heads.map((h) => [h.treeSize, h]));
    for (const w of anchors.witnessed) {
      const list = this.witnessedBySize.get(w.head.treeSize) ?? [];
      list.push(w);
      this.witnessedBySize.set(w.head.treeSize, list);
    }
    for (const c of anchors.checkpoints) {
      const list = this.checkpointsBySeq.get(c.seq) ?? [];
      list.push(c);
      this.checkpointsBySeq.set(c.seq, list);
    }
    this.failure = this.checkHeadLinks() ?? this.checkWitnessSignatures();
  }

  /** Whether a failure has been found: later pages need not be read. */
  get hasFailed(): boolean {
    return this.failure !== null;
  }

  /** Takes the next page (pages come in order, each starting where the one before should end). */
  addPage(page: PageResult): void {
    if (this.failure || page.firstSeq === null) return; // an empty page: the log ended before it
    const expected = this.entries + 1;
    if (page.start + 1 !== expected) {
      this.failure = {
        seq: expected,
        problem: `entry ${expected} is missing (the next is ${page.firstSeq})`,
      };
      return;
    }
    if (page.firstSeq === expected && page.firstPrevHash !== this.previousHash) {
      this.failure = {
        seq: expected,
        problem: `entry ${expected} does not link to entry ${expected - 1}: an entry was changed, removed or inserted`,
      };
      return;
    }
    const base = this.tree.nodes();
    for (const cut of page.cuts) {
      const root = foldRange([...base, ...cut.nodes.map((n) => Buffer.from(n.hash, 'hex'))]);
      this.failure = this.checkRoot(cut.size, root.toString('hex'));
      if (this.failure) return;
    }
    for (const { seq, hash } of page.hashesAt) {
      this.failure = this.checkCheckpoints(seq, hash);
      if (this.failure) return;
    }
    if (page.failure) {
      this.failure = page.failure;
      return;
    }
    for (const node of page.nodes) this.tree.addNode(Buffer.from(node.hash, 'hex'), node.level);
    this.entries += page.count;
    if (page.lastHash !== null) this.previousHash = page.lastHash;
  }

  /** The verdict once every page is in. */
  finish(): ChainVerdict {
    const counts = {
      entries: this.entries,
      checkpoints: this.checkedCheckpoints,
      heads: this.checkedHeads,
      witnessed: this.checkedWitnessed,
    };
    const failure = this.failure ?? this.checkBeyondTheEnd();
    if (failure) return { ok: false, ...counts, ...failure };
    return {
      ok: true,
      ...counts,
      lastHash: this.previousHash,
      rootHash: this.tree.root().toString('hex'),
    };
  }

  private checkRoot(size: number, root: string): Failure | null {
    const head = this.headsBySize.get(size);
    if (head) {
      if (head.rootHash !== root) {
        const from = (head.previous?.treeSize ?? 0) + 1;
        return {
          seq: from,
          problem: `the log no longer matches ${describeHead(head)} signed at ${head.signedAt}: an entry from ${from} to ${size} was rewritten, with the hashes after it`,
        };
      }
      if (!this.signatures.head(head))
        return { seq: size, problem: `${describeHead(head)} has an invalid signature` };
      this.checkedHeads++;
    }
    for (const { head: seen, source } of this.witnessedBySize.get(size) ?? []) {
      if (seen.rootHash !== root) {
        const before = this.lastMatchingHeadBelow(size);
        return {
          seq: before + 1,
          problem: `${source} saw ${describeHead(seen)}, signed at ${seen.signedAt}; the log's first ${size} entries now have root ${root.slice(0, 16)}…: an entry from ${before + 1} to ${size} was rewritten after the witness saw it`,
        };
      }
      this.checkedWitnessed++;
    }
    return null;
  }

  private lastMatchingHeadBelow(size: number): number {
    let best = 0;
    for (const head of this.anchors.heads)
      if (head.treeSize < size && head.treeSize <= this.entries && head.treeSize > best)
        best = head.treeSize;
    return best;
  }

  private checkCheckpoints(seq: number, hash: string): Failure | null {
    for (const checkpoint of this.checkpointsBySeq.get(seq) ?? []) {
      if (checkpoint.hash !== hash)
        return { seq, problem: `the checkpoint at entry ${seq} was signed over another hash` };
      if (!this.signatures.checkpoint(checkpoint))
        return { seq, problem: `the checkpoint at entry ${seq} has an invalid signature` };
      this.checkedCheckpoints++;
    }
    return null;
  }

  /** Each head names the head signed before it: a head deleted from the middle leaves a gap. */
  private checkHeadLinks(): Failure | null {
    const heads = [...this.anchors.heads].sort((a, b) => a.treeSize - b.treeSize);
    let before: TreeHead | null = null;
    for (const head of heads) {
      const named = head.previous;
      if (named && (!before || before.treeSize !== named.treeSize)) {
        const missing = !before || before.treeSize < named.treeSize;
        return {
          seq: named.treeSize,
          problem: missing
            ? `${describeHead(head)} extends the head of ${named.treeSize} entries, which is missing: a signed head was deleted`
            : `${describeHead(head)} extends the head of ${named.treeSize} entries, but the head before it covers ${before?.treeSize}: a head was inserted`,
        };
      }
      if (named && before && before.rootHash !== named.rootHash)
        return {
          seq: named.treeSize,
          problem: `${describeHead(head)} extends a head of ${named.treeSize} entries with another root than the one kept: a signed head was replaced`,
        };
      if (!named && before)
        return {
          seq: head.treeSize,
          problem: `${describeHead(head)} names no head before it, yet ${describeHead(before)} was signed earlier: the heads were rewritten`,
        };
      before = head;
    }
    return null;
  }

  private checkWitnessSignatures(): Failure | null {
    for (const { head, source } of this.anchors.witnessed) {
      if (!this.signatures.head(head))
        return {
          seq: head.treeSize,
          problem: `${source}: ${describeHead(head)} is not signed by a key of this deployment`,
        };
    }
    return null;
  }

  /** Anchors past the last entry: the log was cut short after them. */
  private checkBeyondTheEnd(): Failure | null {
    const end = this.entries;
    const cut = (size: number, who: string): Failure => ({
      seq: end + 1,
      problem: `the log holds ${end} entries, but ${who} covers ${size}: the log was cut short after entry ${end}`,
    });
    const checkpoint = this.anchors.checkpoints.find((c) => c.seq > end);
    if (checkpoint)
      return cut(checkpoint.seq, `a signed checkpoint names entry ${checkpoint.seq}, which`);
    const head = this.anchors.heads.find((h) => h.treeSize > end);
    if (head) return cut(head.treeSize, `${describeHead(head)}, signed at ${head.signedAt},`);
    const seen = this.anchors.witnessed.find((w) => w.head.treeSize > end);
    if (seen) return cut(seen.head.treeSize, `${seen.source} saw ${describeHead(seen.head)} which`);
    return null;
  }
}
