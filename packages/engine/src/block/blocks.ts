// The blocks of one rule, numbered, each small enough to compare whole: a block over the limit is
// split by the rule's refinement keys in turn, and only what is still too big is skipped.
import { IntList } from '../collections/int-list.ts';
import { NumberTable } from '../collections/number-table.ts';
import type { LinkRecord } from '../link/record.ts';
import { type BlockingKey, type BlockingRule, keyTexts } from './rules.ts';

/** Records and their blocks: record i is in blocks ids[start[i]..start[i + 1]). */
export interface Membership {
  readonly start: Int32Array;
  readonly ids: Int32Array;
}

/** What one rule did with its blocks. */
export interface BlocksReport {
  readonly rule: string;
  readonly blocks: number;
  /** Blocks too big to compare whole that were split by a refinement key. */
  readonly refinedBlocks: number;
  /** Pairs of split blocks that disagree on the refinement key, so were not compared by this rule. */
  readonly pairsSetAside: number;
  /** Blocks still too big after every refinement: not compared at all by this rule. */
  readonly skippedBlocks: number;
  readonly skippedPairs: number;
}

/**
 * Each record's block under a single-key rule (−1 when none, or when the block was split): the
 * candidates the rule chose for agreeing on its fields alone, which training learns from.
 */
export interface RuleKeys {
  readonly left: Int32Array;
  readonly right: Int32Array;
}

/** A rule's blocks on both sides. */
export interface RuleBlocks {
  readonly left: Membership;
  readonly right: Membership;
  readonly blockCount: number;
  readonly report: BlocksReport;
  readonly keys: RuleKeys | null;
  /** The right side's keys before any split (the left's within one list), and their numbers. */
  readonly base: { readonly texts: ReadonlyMap<string, number>; readonly right: Membership };
}

/** Numbers for texts: equal texts, equal numbers, in order of first appearance. */
class TextNumbers {
  readonly numbers = new Map<string, number>();

  numberOf(text: string): number {
    let id = this.numbers.get(text);
    if (id === undefined) {
      id = this.numbers.size;
      this.numbers.set(text, id);
    }
    return id;
  }

  get size(): number {
    return this.numbers.size;
  }
}

/** Each record's keys as numbers, each key once. */
function membershipOf(
  records: readonly LinkRecord[],
  key: (record: LinkRecord) => BlockingKey,
  numbers: TextNumbers,
): Membership {
  const start = new Int32Array(records.length + 1);
  const ids = new IntList(records.length);
  records.forEach((record, i) => {
    for (const text of keyTexts(key(record))) {
      const id = numbers.numberOf(text);
      if (!ids.includesFrom(id, start[i]!)) ids.push(id);
    }
    start[i + 1] = ids.length;
  });
  return { start, ids: ids.toArray() };
}

/** The number of pairs a block gives. */
const pairsOf = (left: number, right: number, within: boolean): number =>
  within ? (left * (left - 1)) / 2 : left * right;

function countsOf(membership: Membership, size: number): Float64Array {
  const counts = new Float64Array(size);
  for (const id of membership.ids) counts[id]!++;
  return counts;
}

/** The parts of each split block: the refinement keys its records have. */
function partsOfBlocks(
  sides: readonly { records: readonly LinkRecord[]; members: Membership }[],
  isSplit: Uint8Array,
  refinement: (record: LinkRecord) => BlockingKey,
  parts: TextNumbers,
): { recordParts: Membership[]; blockParts: Map<number, number[]> } {
  const byBlock = new Map<number, Set<number>>();
  const recordParts = sides.map(({ records, members }) => {
    const start = new Int32Array(records.length + 1);
    const ids = new IntList();
    records.forEach((record, i) => {
      const from = ids.length;
      let isRead = false;
      for (let k = members.start[i]!; k < members.start[i + 1]!; k++) {
        const block = members.ids[k]!;
        if (isSplit[block] === 0) continue;
        if (!isRead) {
          for (const text of keyTexts(refinement(record))) ids.push(parts.numberOf(text));
          isRead = true;
        }
        const set = byBlock.get(block) ?? new Set<number>();
        for (let p = from; p < ids.length; p++) set.add(ids.at(p));
        byBlock.set(block, set);
      }
      start[i + 1] = ids.length;
    });
    return { start, ids: ids.toArray() };
  });
  const blockParts = new Map<number, number[]>();
  for (const [block, set] of byBlock) blockParts.set(block, [...set]);
  return { recordParts, blockParts };
}

/**
 * The next membership: a record in a split block moves to the parts it has (all of the block's
 * parts when it has none); other blocks stay whole. Each (block, part) gets a new number.
 */
function refined(
  members: Membership,
  recordParts: Membership,
  isSplit: Uint8Array,
  blockParts: ReadonlyMap<number, readonly number[]>,
  table: NumberTable,
  partCount: number,
  isPart: number[],
): Membership {
  const start = new Int32Array(members.start.length);
  const ids = new IntList(members.ids.length);
  const add = (key: number, part: boolean) => {
    const id = table.idOf(key);
    if (id === isPart.length) isPart.push(part ? 1 : 0);
    ids.push(id);
  };
  for (let i = 0; i + 1 < members.start.length; i++) {
    for (let k = members.start[i]!; k < members.start[i + 1]!; k++) {
      const block = members.ids[k]!;
      if (isSplit[block] === 0) {
        add(block * (partCount + 1), false);
        continue;
      }
      const from = recordParts.start[i]!;
      const to = recordParts.start[i + 1]!;
      if (to > from) {
        for (let p = from; p < to; p++)
          add(block * (partCount + 1) + recordParts.ids[p]! + 1, true);
      } else {
        for (const part of blockParts.get(block) ?? [])
          add(block * (partCount + 1) + part + 1, true);
      }
    }
    start[i + 1] = ids.length;
  }
  return { start, ids: ids.toArray() };
}

function withoutBlocks(members: Membership, skipped: Uint8Array): Membership {
  const start = new Int32Array(members.start.length);
  const ids = new IntList(members.ids.length);
  for (let i = 0; i + 1 < members.start.length; i++) {
    for (let k = members.start[i]!; k < members.start[i + 1]!; k++) {
      if (skipped[members.ids[k]!] === 0) ids.push(members.ids[k]!);
    }
    start[i + 1] = ids.length;
  }
  return { start, ids: ids.toArray() };
}

/** Each record's one base block, −1 for none or a block that was split. */
function baseKeysOf(members: Membership, split: Uint8Array | null): Int32Array {
  return Int32Array.from({ length: members.start.length - 1 }, (_, i) => {
    if (members.start[i + 1] === members.start[i]) return -1;
    const id = members.ids[members.start[i]!]!;
    return split !== null && split[id] === 1 ? -1 : id;
  });
}

/**
 * A rule's blocks, each no bigger than `maxBlockPairs`: a block over it is split by the rule's
 * refinement keys in turn; what is still too big is skipped and reported.
 */
export function blocksOf(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  rule: BlockingRule,
  maxBlockPairs: number,
): RuleBlocks {
  const within = right === null;
  const texts = new TextNumbers();
  const base = {
    left: membershipOf(left, rule.key, texts),
    right: within ? null : membershipOf(right, rule.key, texts),
  };
  const isSingle = [base.left, base.right ?? base.left].every((members) =>
    members.start.every((at, i) => i === 0 || at - members.start[i - 1]! <= 1),
  );
  let members = { left: base.left, right: base.right ?? base.left };
  let size = texts.size;
  let firstSplit: Uint8Array | null = null;
  let refinedBlocks = 0;
  let pairsSetAside = 0;
  for (let level = 0; ; level++) {
    const leftCounts = countsOf(members.left, size);
    const rightCounts = within ? leftCounts : countsOf(members.right, size);
    const tooBig = new Uint8Array(size);
    let bigBlocks = 0;
    let bigPairs = 0;
    let blocks = 0;
    for (let id = 0; id < size; id++) {
      const pairs = pairsOf(leftCounts[id]!, rightCounts[id]!, within);
      if (pairs > maxBlockPairs) {
        tooBig[id] = 1;
        bigBlocks++;
        bigPairs += pairs;
      } else if (pairs > 0) blocks++;
    }
    const refinement = rule.refinements?.[level];
    if (bigBlocks === 0 || refinement === undefined) {
      return {
        left: withoutBlocks(members.left, tooBig),
        right: within ? withoutBlocks(members.left, tooBig) : withoutBlocks(members.right, tooBig),
        blockCount: size,
        report: {
          rule: rule.name,
          blocks,
          refinedBlocks,
          pairsSetAside,
          skippedBlocks: bigBlocks,
          skippedPairs: bigPairs,
        },
        keys: isSingle
          ? {
              left: baseKeysOf(base.left, firstSplit),
              right: baseKeysOf(base.right ?? base.left, firstSplit),
            }
          : null,
        base: { texts: texts.numbers, right: base.right ?? base.left },
      };
    }
    if (level === 0) firstSplit = tooBig;
    refinedBlocks += bigBlocks;
    const partTexts = new TextNumbers();
    const sides = within
      ? [{ records: left, members: members.left }]
      : [
          { records: left, members: members.left },
          { records: right, members: members.right },
        ];
    const { recordParts, blockParts } = partsOfBlocks(sides, tooBig, refinement, partTexts);
    const table = new NumberTable();
    const isPart: number[] = [];
    const next = (side: number, of: Membership) =>
      refined(of, recordParts[side]!, tooBig, blockParts, table, partTexts.size, isPart);
    const nextLeft = next(0, members.left);
    members = { left: nextLeft, right: within ? nextLeft : next(1, members.right) };
    size = table.size;
    // What the split blocks held that no part holds: a part's pairs are counted once, though
    // with several keys per record a pair may stand in two parts, so this is a lower bound.
    const partLeft = countsOf(members.left, size);
    const partRight = within ? partLeft : countsOf(members.right, size);
    let partPairs = 0;
    for (let id = 0; id < size; id++) {
      if (isPart[id] === 1) partPairs += pairsOf(partLeft[id]!, partRight[id]!, within);
    }
    pairsSetAside += Math.max(0, bigPairs - partPairs);
  }
}
