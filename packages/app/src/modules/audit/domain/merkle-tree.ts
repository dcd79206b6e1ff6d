import { hash } from 'node:crypto';

/*
 * The audit log as a Merkle tree, as RFC 9162 (Certificate Transparency 2.0, after RFC 6962)
 * defines it: leaf i is entry seq i + 1, its data the 32 bytes of the entry's chain hash;
 * a leaf hashes as SHA-256(0x00 || data), a node as SHA-256(0x01 || left || right), and a tree of
 * n leaves splits at the largest power of two below n. The proofs and their verification follow
 * the RFC's sections 2.1.3 and 2.1.4 line by line, so that any RFC 9162 verifier agrees.
 */

/** The root of the empty tree: the SHA-256 of nothing. */
export const EMPTY_ROOT = hash('sha256', Buffer.alloc(0), 'buffer');

/** The leaf hash of an entry, from its chain hash (hex). */
export function leafHash(entryHashHex: string): Buffer {
  // One buffer reused: a million leaves would otherwise be a million allocations.
  LEAF_INPUT[0] = 0;
  if (LEAF_INPUT.write(entryHashHex, 1, 'hex') !== 32) LEAF_INPUT.fill(0xff, 1); // never a real leaf
  return hash('sha256', LEAF_INPUT, 'buffer');
}
const LEAF_INPUT = Buffer.alloc(33);
const NODE_INPUT = Buffer.alloc(65);

/** The hash of an inner node over its two children. */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  NODE_INPUT[0] = 1;
  left.copy(NODE_INPUT, 1);
  right.copy(NODE_INPUT, 33);
  return hash('sha256', NODE_INPUT, 'buffer');
}

/** A perfect subtree: the 2^level leaves from index · 2^level on. */
export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

/** The largest power of two strictly below n (n ≥ 2). */
function splitOf(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees that make up the leaves [start, end), left to right, largest first. For
 * the ranges of a proof (start is aligned to their size, rounded up to a power of two), folding
 * them from the right gives the RFC's hash of the range.
 */
export function rangeNodes(start: number, end: number): NodeRef[] {
  const nodes: NodeRef[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    while (at % (size * 2) === 0 && at + size * 2 <= end) size *= 2;
    nodes.push({ level: Math.log2(size), index: at / size });
    at += size;
  }
  return nodes;
}

/** The hash of a range from the hashes of its perfect subtrees (as `rangeNodes` lists them). */
export function foldRange(nodes: readonly Buffer[]): Buffer {
  let root = nodes.at(-1);
  if (!root) return EMPTY_ROOT;
  for (let i = nodes.length - 2; i >= 0; i--) root = nodeHash(nodes[i]!, root);
  return root;
}

/** A range of leaves [start, end) whose hash is one element of a proof. */
export type ProofRange = readonly [start: number, end: number];

/** The ranges whose hashes make the inclusion proof of leaf `index` in a tree of `size` (RFC 9162 2.1.3.1). */
export function inclusionRanges(index: number, size: number): ProofRange[] {
  if (!(index >= 0 && index < size))
    throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const ranges: ProofRange[] = [];
  const path = (m: number, lo: number, hi: number): void => {
    const n = hi - lo;
    if (n <= 1) return;
    const k = splitOf(n);
    if (m < k) {
      path(m, lo, lo + k);
      ranges.push([lo + k, hi]);
    } else {
      path(m - k, lo + k, hi);
      ranges.push([lo, lo + k]);
    }
  };
  path(index, 0, size);
  return ranges;
}

/** The ranges whose hashes make the consistency proof from a tree of `first` to one of `second` (RFC 9162 2.1.4.1). */
export function consistencyRanges(first: number, second: number): ProofRange[] {
  if (!(first >= 0 && first <= second))
    throw new RangeError(`no consistency proof from ${first} to ${second} leaves`);
  if (first === 0 || first === second) return [];
  const ranges: ProofRange[] = [];
  const subproof = (m: number, lo: number, hi: number, isWhole: boolean): void => {
    const n = hi - lo;
    if (m === n) {
      if (!isWhole) ranges.push([lo, hi]);
      return;
    }
    const k = splitOf(n);
    if (m <= k) {
      subproof(m, lo, lo + k, isWhole);
      ranges.push([lo + k, hi]);
    } else {
      subproof(m - k, lo + k, hi, false);
      ranges.push([lo, lo + k]);
    }
  };
  subproof(first, 0, second, true);
  return ranges;
}

const isOdd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/** Whether `proof` shows the leaf at `index` inside the tree of `size` with `root` (RFC 9162 2.1.3.2). */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Buffer,
  proof: readonly Buffer[],
  root: Buffer,
): boolean {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && r.equals(root);
}

/** Whether `proof` shows that the tree of `second` leaves extends the tree of `first` (RFC 9162 2.1.4.2). */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Buffer,
  secondRoot: Buffer,
  proof: readonly Buffer[],
): boolean {
  if (!(first >= 0 && first <= second)) return false;
  if (first === 0) return proof.length === 0;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  const path = Number.isInteger(Math.log2(first)) ? [firstRoot, ...proof] : [...proof];
  const [start, ...rest] = path;
  if (!start) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = start;
  let sr = start;
  for (const c of rest) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

/**
 * A tree built leaf by leaf, keeping only the roots of its largest perfect subtrees (a compact
 * range): the root of the tree so far at any size, in constant memory per level.
 */
export class TreeBuilder {
  /** Roots of the perfect subtrees, largest (leftmost) first, one per set bit of `size`. */
  private readonly stack: Buffer[] = [];
  private leaves = 0;

  get size(): number {
    return this.leaves;
  }

  addLeaf(leaf: Buffer): void {
    this.addNode(leaf, 0);
  }

  /** Adds a perfect subtree of 2^level leaves; the tree's size must be a multiple of that. */
  addNode(node: Buffer, level: number): void {
    const width = 2 ** level;
    if (this.leaves % width !== 0)
      throw new RangeError(`a subtree of ${width} leaves after ${this.leaves} leaves`);
    let merged = node;
    let bits = this.leaves / width;
    while (isOdd(bits)) {
      merged = nodeHash(this.stack.pop()!, merged);
      bits = half(bits);
    }
    this.stack.push(merged);
    this.leaves += width;
  }

  /** The perfect subtrees of the tree so far, as `rangeNodes(0, size)` lists them. */
  nodes(): Buffer[] {
    return [...this.stack];
  }

  root(): Buffer {
    return foldRange(this.stack);
  }
}

/** The root of a tree over these leaves, the RFC's definition itself (for tests and small trees). */
export function rootOf(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  const k = splitOf(leaves.length);
  return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)));
}
