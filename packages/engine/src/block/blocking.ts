import type { LinkRecord } from '../link/settings.ts';

/** A key of a record: a text, several texts (the record stands in each block), or none. */
export type BlockingKey = string | readonly string[] | null;

/** A blocking rule: records whose keys are equal (and not null) become candidate pairs. */
export interface BlockingRule {
  readonly name: string;
  /**
   * The fields the key is made of. Training learns nothing of these fields from the pairs this
   * rule finds, since the rule chose those pairs for agreeing on them.
   */
  readonly fields: readonly string[];
  readonly key: (record: LinkRecord) => BlockingKey;
  /**
   * Keys that split a block too big to compare whole, tried in turn: the block's records are
   * paired within the parts that agree on the next key too. A refinement with several keys puts
   * a record in several parts (agreeing on any of them is enough); a record without one stands
   * in every part of its block.
   */
  readonly refinements?: readonly ((record: LinkRecord) => BlockingKey)[];
}

/** A rule on the values of some fields, each through an optional transform; null if any is empty. */
export function fieldsRule(
  fields: readonly string[],
  transform: (value: string, field: string) => string = (value) => value.trim().toLowerCase(),
  refinements?: BlockingRule['refinements'],
): BlockingRule {
  return {
    name: fields.join(' + '),
    fields,
    key(record) {
      const parts: string[] = [];
      for (const field of fields) {
        const value = record.fields[field];
        const part = value === null || value === undefined ? '' : transform(value, field);
        if (part.length === 0) return null;
        parts.push(part);
      }
      return parts.join('\u0000');
    },
    refinements,
  };
}

/** What one rule contributed. */
export interface RuleReport {
  readonly rule: string;
  readonly blocks: number;
  /** Pairs this rule found that no earlier rule had. */
  readonly newPairs: number;
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

/** Candidate pairs as two parallel index arrays (into the left and right lists). */
export interface CandidatePairs {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly rules: readonly RuleReport[];
  /** Per rule, each record's base block; null for a rule with several keys per record. */
  readonly keys: readonly (RuleKeys | null)[];
}

/** Records and their blocks: record i is in blocks ids[start[i]..start[i + 1]). */
interface Membership {
  readonly start: Int32Array;
  readonly ids: Int32Array;
}

/** Numbers for keys: equal keys, equal numbers, in order of first appearance. */
class KeyNumbers {
  private readonly numbers = new Map<string, number>();

  numberOf(key: string): number {
    let id = this.numbers.get(key);
    if (id === undefined) {
      id = this.numbers.size;
      this.numbers.set(key, id);
    }
    return id;
  }

  get size(): number {
    return this.numbers.size;
  }
}

function membershipOf(
  records: readonly LinkRecord[],
  keysOf: (record: LinkRecord, index: number) => readonly string[],
  numbers: KeyNumbers,
): Membership {
  const start = new Int32Array(records.length + 1);
  const ids: number[] = [];
  records.forEach((record, i) => {
    for (const key of new Set(keysOf(record, i))) ids.push(numbers.numberOf(key));
    start[i + 1] = ids.length;
  });
  return { start, ids: Int32Array.from(ids) };
}

const keysOf = (key: BlockingKey): readonly string[] =>
  key === null ? [] : typeof key === 'string' ? [key] : key;

/** The number of pairs a block gives. */
const pairsOf = (left: number, right: number, within: boolean): number =>
  within ? (left * (left - 1)) / 2 : left * right;

function countsOf(membership: Membership, size: number): Float64Array {
  const counts = new Float64Array(size);
  for (const id of membership.ids) counts[id]!++;
  return counts;
}

interface RuleBlocks {
  readonly left: Membership;
  readonly right: Membership;
  readonly report: Omit<RuleReport, 'newPairs'>;
  readonly keys: RuleKeys | null;
}

/**
 * A rule's blocks, each no bigger than `maxBlockPairs`: a block over it is split by the rule's
 * refinement keys in turn; what is still too big is skipped and reported.
 */
function blocksOf(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  rule: BlockingRule,
  maxBlockPairs: number,
): RuleBlocks {
  const within = right === null;
  const base = new KeyNumbers();
  const leftKeys = left.map((record) => keysOf(rule.key(record)));
  const rightKeys = within ? leftKeys : right.map((record) => keysOf(rule.key(record)));
  const isSingle = [...leftKeys, ...rightKeys].every((keys) => keys.length <= 1);
  let current = { left: leftKeys, right: rightKeys };
  let refinedBlocks = 0;
  let pairsSetAside = 0;
  let firstSplit: ReadonlySet<string> = new Set();
  for (let level = 0; ; level++) {
    const numbers = new KeyNumbers();
    const leftMembers = membershipOf(left, (_, i) => current.left[i]!, numbers);
    const rightMembers = within
      ? leftMembers
      : membershipOf(right, (_, i) => current.right[i]!, numbers);
    const leftCounts = countsOf(leftMembers, numbers.size);
    const rightCounts = within ? leftCounts : countsOf(rightMembers, numbers.size);
    const keyTexts = [...keyList(current.left), ...(within ? [] : keyList(current.right))];
    const tooBig = new Set<string>();
    for (const key of new Set(keyTexts)) {
      const id = numbers.numberOf(key);
      if (pairsOf(leftCounts[id]!, rightCounts[id]!, within) > maxBlockPairs) tooBig.add(key);
    }
    const refinement = rule.refinements?.[level];
    if (tooBig.size === 0 || refinement === undefined) {
      let blocks = 0;
      let skippedPairs = 0;
      const skipped = new Uint8Array(numbers.size);
      for (let id = 0; id < numbers.size; id++) {
        const pairs = pairsOf(leftCounts[id]!, rightCounts[id]!, within);
        if (pairs === 0) continue;
        if (pairs > maxBlockPairs) {
          skipped[id] = 1;
          skippedPairs += pairs;
        } else blocks++;
      }
      const drop = (members: Membership): Membership => dropBlocks(members, skipped);
      return {
        left: drop(leftMembers),
        right: within ? drop(leftMembers) : drop(rightMembers),
        report: {
          rule: rule.name,
          blocks,
          refinedBlocks,
          pairsSetAside,
          skippedBlocks: tooBig.size,
          skippedPairs,
        },
        keys: isSingle ? baseKeysOf(leftKeys, rightKeys, base, firstSplit) : null,
      };
    }
    refinedBlocks += tooBig.size;
    if (level === 0) firstSplit = tooBig;
    // A record without the refinement key might belong to any part: it stands in every part of
    // its block, so that a missing value never keeps a pair from being compared.
    const partsOf = (records: readonly LinkRecord[]) =>
      records.map((record) => keysOf(refinement(record)));
    const leftParts = partsOf(left);
    const rightParts = within ? leftParts : partsOf(right);
    const partsByBlock = new Map<string, Set<string>>();
    const collect = (keys: readonly (readonly string[])[], parts: readonly (readonly string[])[]) =>
      keys.forEach((recordKeys, i) => {
        for (const key of recordKeys) {
          if (!tooBig.has(key)) continue;
          const set = partsByBlock.get(key) ?? new Set<string>();
          for (const part of parts[i]!) set.add(part);
          partsByBlock.set(key, set);
        }
      });
    collect(current.left, leftParts);
    if (!within) collect(current.right, rightParts);
    const refine = (keys: readonly (readonly string[])[], parts: readonly (readonly string[])[]) =>
      keys.map((recordKeys, i) =>
        recordKeys.flatMap((key) => {
          if (!tooBig.has(key)) return [key];
          const own = parts[i]!.length > 0 ? parts[i]! : [...(partsByBlock.get(key) ?? [])];
          return own.map((part) => `${key}\u0001${part}`);
        }),
      );
    const refinedLeft = refine(current.left, leftParts);
    const next = {
      left: refinedLeft,
      right: within ? refinedLeft : refine(current.right, rightParts),
    };
    pairsSetAside += setAside(current, next, tooBig, within);
    current = next;
  }
}

function keyList(keys: readonly (readonly string[])[]): string[] {
  return keys.flat();
}

/** The pairs of the split blocks that no part holds any more. */
function setAside(
  before: { left: readonly (readonly string[])[]; right: readonly (readonly string[])[] },
  after: { left: readonly (readonly string[])[]; right: readonly (readonly string[])[] },
  split: ReadonlySet<string>,
  within: boolean,
): number {
  const count = (keys: readonly (readonly string[])[]) => {
    const counts = new Map<string, number>();
    for (const recordKeys of keys)
      for (const key of recordKeys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  };
  const [beforeLeft, afterLeft] = [count(before.left), count(after.left)];
  const [beforeRight, afterRight] = within
    ? [beforeLeft, afterLeft]
    : [count(before.right), count(after.right)];
  let whole = 0;
  for (const key of split)
    whole += pairsOf(beforeLeft.get(key) ?? 0, beforeRight.get(key) ?? 0, within);
  let parts = 0;
  for (const [key, n] of afterLeft) {
    const parent = key.slice(0, key.lastIndexOf('\u0001'));
    if (key.includes('\u0001') && split.has(parent))
      parts += pairsOf(n, afterRight.get(key) ?? 0, within);
  }
  // With several keys per record a pair may stand in several parts: what is set aside is at least 0.
  return Math.max(0, whole - parts);
}

function dropBlocks(members: Membership, skipped: Uint8Array): Membership {
  const start = new Int32Array(members.start.length);
  const ids: number[] = [];
  for (let i = 0; i + 1 < members.start.length; i++) {
    for (let k = members.start[i]!; k < members.start[i + 1]!; k++) {
      if (skipped[members.ids[k]!] === 0) ids.push(members.ids[k]!);
    }
    start[i + 1] = ids.length;
  }
  return { start, ids: Int32Array.from(ids) };
}

/**
 * Each record's base block, −1 in a block that was split: its pairs were chosen by more than
 * the rule's fields.
 */
function baseKeysOf(
  leftKeys: readonly (readonly string[])[],
  rightKeys: readonly (readonly string[])[],
  numbers: KeyNumbers,
  split: ReadonlySet<string>,
): RuleKeys {
  const idsOf = (keys: readonly (readonly string[])[]) =>
    Int32Array.from(keys, ([key]) =>
      key === undefined || split.has(key) ? -1 : numbers.numberOf(key),
    );
  return { left: idsOf(leftKeys), right: idsOf(rightKeys) };
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
    for (let k = members.start[i]!; k < members.start[i + 1]!; k++)
      records[next[members.ids[k]!]!++] = i;
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
  const within = right === null;
  const rightSize = (right ?? left).length;
  const ruleBlocks = rules.map((rule) => blocksOf(left, right, rule, maxBlockPairs));
  const rightByBlock = ruleBlocks.map((blocks) => {
    let highest = -1;
    for (const id of blocks.right.ids) highest = Math.max(highest, id);
    return recordsByBlock(blocks.right, highest + 1);
  });
  const pairs = new PairList();
  const newPairs = new Array<number>(rules.length).fill(0);
  // seenBy[r] === l + 1 once (l, r) is a pair: every pair once, with no set of the pairs seen.
  const seenBy = new Int32Array(rightSize);
  for (let l = 0; l < left.length; l++) {
    ruleBlocks.forEach(({ left: members }, r) => {
      const byBlock = rightByBlock[r]!;
      for (let k = members.start[l]!; k < members.start[l + 1]!; k++) {
        const block = members.ids[k]!;
        if (block + 1 >= byBlock.start.length) continue;
        for (let m = byBlock.start[block]!; m < byBlock.start[block + 1]!; m++) {
          const other = byBlock.members[m]!;
          if ((within && other <= l) || seenBy[other] === l + 1) continue;
          seenBy[other] = l + 1;
          pairs.push(l, other);
          newPairs[r]!++;
        }
      }
    });
  }
  return {
    ...pairs.toArrays(),
    rules: ruleBlocks.map(({ report }, r) => ({ ...report, newPairs: newPairs[r]! })),
    keys: ruleBlocks.map(({ keys }) => keys),
  };
}
