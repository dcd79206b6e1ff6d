import { hash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyRanges,
  EMPTY_ROOT,
  foldRange,
  inclusionRanges,
  leafHash,
  rangeNodes,
  rootOf,
  TreeBuilder,
  verifyConsistency,
  verifyInclusion,
  type ProofRange,
} from './merkle-tree.ts';

// The Certificate Transparency reference tree (RFC 6962's test data, as its implementations use it).
const CT_DATA = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const CT_LEAVES = CT_DATA.map((h) =>
  hash('sha256', Buffer.concat([Buffer.of(0), Buffer.from(h, 'hex')]), 'buffer'),
);
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const hex = (buffers: readonly Buffer[]) => buffers.map((b) => b.toString('hex'));

/** The hashes of a proof's ranges over these leaves, straight from the RFC's definition. */
const hashes = (leaves: readonly Buffer[], ranges: readonly ProofRange[]) =>
  ranges.map(([start, end]) => rootOf(leaves.slice(start, end)));

const leavesOf = (n: number) =>
  Array.from({ length: n }, (_, i) => leafHash(hash('sha256', `e${i}`)));

describe('the audit log as a Merkle tree (RFC 9162)', () => {
  it('gives the reference roots of Certificate Transparency', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    const built = new TreeBuilder();
    CT_LEAVES.forEach((leaf, i) => {
      built.addLeaf(leaf);
      expect(built.root().toString('hex')).toBe(CT_ROOTS[i]);
      expect(rootOf(CT_LEAVES.slice(0, i + 1)).toString('hex')).toBe(CT_ROOTS[i]);
    });
  });

  it('gives the reference inclusion and consistency proofs', () => {
    expect(hex(hashes(CT_LEAVES, inclusionRanges(5, 8)))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(hashes(CT_LEAVES, consistencyRanges(6, 8)))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(hashes(CT_LEAVES.slice(0, 5), consistencyRanges(2, 5)))).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
  });

  it('proves every leaf of every tree up to 40 leaves, and refuses a wrong leaf, index or root', () => {
    const leaves = leavesOf(40);
    for (let size = 1; size <= 40; size++) {
      const root = rootOf(leaves.slice(0, size));
      for (let index = 0; index < size; index++) {
        const proof = hashes(leaves, inclusionRanges(index, size));
        expect(verifyInclusion(index, size, leaves[index]!, proof, root)).toBe(true);
        expect(verifyInclusion(index, size, leaves[(index + 1) % 40]!, proof, root)).toBe(false);
        if (size > 1)
          expect(verifyInclusion((index + 1) % size, size, leaves[index]!, proof, root)).toBe(
            false,
          );
        expect(verifyInclusion(index, size, leaves[index]!, proof, leaves[0]!)).toBe(
          size === 1 && index === 0,
        );
      }
    }
  });

  it('proves every pair of tree sizes up to 40 consistent, and refuses a rewritten history', () => {
    const leaves = leavesOf(40);
    const forged = [...leaves];
    forged[2] = leafHash('f'.repeat(64));
    for (let second = 1; second <= 40; second++) {
      const secondRoot = rootOf(leaves.slice(0, second));
      for (let first = 1; first <= second; first++) {
        const firstRoot = rootOf(leaves.slice(0, first));
        const proof = hashes(leaves, consistencyRanges(first, second));
        expect(verifyConsistency(first, second, firstRoot, secondRoot, proof)).toBe(true);
        // A witness that saw the history before leaf 3 was rewritten is not fooled.
        const forgedFirst = rootOf(forged.slice(0, first));
        if (first > 2)
          expect(verifyConsistency(first, second, forgedFirst, secondRoot, proof)).toBe(false);
        if (first < second)
          expect(verifyConsistency(first, second, firstRoot, secondRoot, proof.slice(1))).toBe(
            false,
          );
      }
    }
  });

  it('builds the same root however the leaves arrive: one by one or as perfect subtrees', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 5 }),
        (size, level) => {
          const leaves = leavesOf(size);
          const whole = new TreeBuilder();
          const width = 2 ** level;
          let at = 0;
          for (; at + width <= size; at += width)
            whole.addNode(rootOf(leaves.slice(at, at + width)), level);
          for (; at < size; at++) whole.addLeaf(leaves[at]!);
          expect(whole.root().equals(rootOf(leaves))).toBe(true);
          expect(foldRange(whole.nodes()).equals(rootOf(leaves))).toBe(true);
          const parts = rangeNodes(0, size).map(({ level: l, index }) =>
            rootOf(leaves.slice(index * 2 ** l, (index + 1) * 2 ** l)),
          );
          expect(foldRange(parts).equals(rootOf(leaves))).toBe(true);
        },
      ),
    );
  });

  it('splits the ranges of any proof into perfect subtrees that fold to their hash', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 200 })
          .chain((size) =>
            fc.tuple(
              fc.constant(size),
              fc.integer({ min: 1, max: size }),
              fc.integer({ min: 0, max: size - 1 }),
            ),
          ),
        ([size, first, index]) => {
          const leaves = leavesOf(size);
          for (const [start, end] of [
            ...consistencyRanges(first, size),
            ...inclusionRanges(index, size),
          ]) {
            const parts = rangeNodes(start, end).map(({ level, index: i }) =>
              rootOf(leaves.slice(i * 2 ** level, (i + 1) * 2 ** level)),
            );
            expect(foldRange(parts).equals(rootOf(leaves.slice(start, end)))).toBe(true);
          }
        },
      ),
    );
  });
});
