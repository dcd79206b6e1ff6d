import type { LinkRecord } from '../link/record.ts';
import {
  type BlocksReport,
  blocksOf,
  type Membership,
  type RuleBlocks,
  type RuleKeys,
} from './blocks.ts';
import { type BlockingRule, keyTexts } from './rules.ts';

export type { BlockingKey, BlockingRule } from './rules.ts';
export { fieldsRule } from './rules.ts';
export type { RuleBlocks, RuleKeys } from './blocks.ts';
export { blocksOf } from './blocks.ts';

/** What one rule contributed. */
export interface RuleReport extends BlocksReport {
  /** Pairs this rule found that no earlier rule had. */
  readonly newPairs: number;
}

/** Candidate pairs as two parallel index arrays (into the left and right lists). */
export interface CandidatePairs {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly rules: readonly RuleReport[];
  /** Per rule, each record's base block; null for a rule with several keys per record. */
  readonly keys: readonly (RuleKeys | null)[];
  /** Per rule, the right list's records of each key (the left's within one list), unsplit. */
  readonly index: readonly KeyIndex[];
}

/** The records of each key of a rule on one side: key k's are records[start[k]..start[k + 1]). */
export interface KeyIndex {
  readonly numbers: ReadonlyMap<string, number>;
  readonly start: Int32Array;
  readonly records: Int32Array;
}

/** Each block's records on one side, in list order: block b's are members[start[b]..start[b + 1]). */
function recordsByBlock(
  members: Membership,
  blocks: number,
): { start: Int32Array; members: Int32Array } {
  const start = new Int32Array(blocks + 1);
  for (const id of members.ids) start[id + 1]!++;
  for (let b = 0; b < blocks; b++) start[b + 1]! += start[b]!;
  const next = start.slice(0, blocks);
  const records = new Int32Array(members.ids.length);
  for (let i = 0; i + 1 < members.start.length; i++) {
    for (let k = members.start[i]!; k < members.start[i + 1]!; k++) {
      records[next[members.ids[k]!]!++] = i;
    }
  }
  return { start, members: records };
}

/** A growing list of pairs in typed arrays: millions of pairs, without an object or boxed number each. */
class PairList {
  private lefts = new Int32Array(1 << 16);
  private rights = new Int32Array(1 << 16);
  length = 0;

  push(l: number, r: number): void {
    if (this.length === this.lefts.length) {
      const lefts = new Int32Array(this.length * 2);
      const rights = new Int32Array(this.length * 2);
      lefts.set(this.lefts);
      rights.set(this.rights);
      this.lefts = lefts;
      this.rights = rights;
    }
    this.lefts[this.length] = l;
    this.rights[this.length] = r;
    this.length++;
  }

  toArrays(): { left: Int32Array; right: Int32Array } {
    return { left: this.lefts.slice(0, this.length), right: this.rights.slice(0, this.length) };
  }
}

/**
 * The union of the rules' candidate pairs, each pair once, in a deterministic order: by left
 * record, then rule by rule, block by block, right record by right record. With `right` null the
 * pairs are within `left` (i < j). Blocks over `maxBlockPairs` are split by their rule's
 * refinements, and skipped only when still too big; the report says what each rule did.
 */
export function candidatePairs(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  rules: readonly BlockingRule[],
  maxBlockPairs: number,
): CandidatePairs {
  const ruleBlocks = rules.map((rule) => blocksOf(left, right, rule, maxBlockPairs));
  return pairsOfBlocks(left, right, ruleBlocks);
}

/** Blocking of some of the rules (by their index in the settings) done elsewhere, e.g. in a worker thread. */
export interface BlockingJob {
  readonly left: readonly LinkRecord[];
  readonly right: readonly LinkRecord[] | null;
  readonly rules: readonly number[];
  readonly maxBlockPairs: number;
}

/**
 * Gives the blocks of a job's rules (`blocksOf` for each), as `blocksOf` gives them here: the
 * runner must hold the same rules, e.g. build the same settings in its thread.
 */
export type BlockingRunner = (job: BlockingJob) => Promise<RuleBlocks[]>;

// A sample of this many records tells how many keys each rule gives, which is what it costs.
const COST_SAMPLE = 2_000;

/** The rules to give the runner: the costliest, until they are at least half of the work. */
function rulesElsewhere(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  rules: readonly BlockingRule[],
): number[] {
  const records = [...left, ...(right ?? [])];
  const step = Math.max(1, Math.floor(records.length / COST_SAMPLE));
  const costs = rules.map((rule) => {
    let keys = 0;
    for (let i = 0; i < records.length; i += step)
      keys += 1 + keyTexts(rule.key(records[i]!)).length;
    return keys;
  });
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  const order = costs.map((_, r) => r).sort((a, b) => costs[b]! - costs[a]! || a - b);
  const chosen: number[] = [];
  let share = 0;
  for (const r of order) {
    if (share >= total / 2 || chosen.length === rules.length - 1) break;
    chosen.push(r);
    share += costs[r]!;
  }
  return chosen;
}

/**
 * `candidatePairs` with the costliest rules blocked by `runBlocking` (in a worker thread) while
 * this thread blocks the others: the same pairs, in the same order.
 */
export async function candidatePairsWith(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  rules: readonly BlockingRule[],
  maxBlockPairs: number,
  runBlocking: BlockingRunner,
): Promise<CandidatePairs> {
  const elsewhere = rules.length > 1 ? rulesElsewhere(left, right, rules) : [];
  const pending = runBlocking({ left, right, rules: elsewhere, maxBlockPairs });
  // Should blocking here throw, the runner's answer is no longer awaited: no unhandled failure.
  void pending.catch(() => undefined);
  const here = rules.map((rule, r) =>
    elsewhere.includes(r) ? null : blocksOf(left, right, rule, maxBlockPairs),
  );
  const done = await pending;
  const ruleBlocks = here.map((blocks, r) => blocks ?? done[elsewhere.indexOf(r)]!);
  return pairsOfBlocks(left, right, ruleBlocks);
}

/** The union of the rules' candidate pairs from their blocks (see `candidatePairs`). */
function pairsOfBlocks(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  ruleBlocks: readonly RuleBlocks[],
): CandidatePairs {
  const within = right === null;
  const rightSize = (right ?? left).length;
  const rightByBlock = ruleBlocks.map((blocks) => recordsByBlock(blocks.right, blocks.blockCount));
  const pairs = new PairList();
  const newPairs = new Array<number>(ruleBlocks.length).fill(0);
  // seenBy[r] === l + 1 once (l, r) is a pair: every pair once, with no set of the pairs seen.
  const seenBy = new Int32Array(rightSize);
  for (let l = 0; l < left.length; l++) {
    for (let r = 0; r < ruleBlocks.length; r++) {
      const members = ruleBlocks[r]!.left;
      const byBlock = rightByBlock[r]!;
      for (let k = members.start[l]!; k < members.start[l + 1]!; k++) {
        const block = members.ids[k]!;
        for (let m = byBlock.start[block]!; m < byBlock.start[block + 1]!; m++) {
          const other = byBlock.members[m]!;
          if ((within && other <= l) || seenBy[other] === l + 1) continue;
          seenBy[other] = l + 1;
          pairs.push(l, other);
          newPairs[r]!++;
        }
      }
    }
  }
  return {
    ...pairs.toArrays(),
    rules: ruleBlocks.map(({ report }, r) => ({ ...report, newPairs: newPairs[r]! })),
    keys: ruleBlocks.map(({ keys }) => keys),
    index: ruleBlocks.map(({ base }) => {
      const { start, members } = recordsByBlock(base.right, base.texts.size);
      return { numbers: base.texts, start, records: members };
    }),
  };
}
