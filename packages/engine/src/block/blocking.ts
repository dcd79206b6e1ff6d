import type { LinkRecord } from '../link/record.ts';

/** A blocking rule: records whose keys are equal (and not null) become candidate pairs. */
export interface BlockingRule {
  readonly name: string;
  readonly key: (record: LinkRecord) => string | null;
}

/** A rule on the values of some fields, each through an optional transform; null if any is empty. */
export function fieldsRule(
  fields: readonly string[],
  transform: (value: string, field: string) => string = (value) => value.trim().toLowerCase(),
): BlockingRule {
  return {
    name: fields.join(' + '),
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
  };
}

/** What one rule contributed. */
export interface RuleReport {
  readonly rule: string;
  readonly blocks: number;
  /** Pairs this rule found that no earlier rule had. */
  readonly newPairs: number;
  readonly skippedBlocks: number;
  readonly skippedPairs: number;
}

/** Candidate pairs as two parallel index arrays (into the left and right lists). */
export interface CandidatePairs {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly rules: readonly RuleReport[];
}

/** Each record's key under a rule as a number (−1 when it has none); equal keys, equal numbers. */
function keyIdsOf(
  records: readonly LinkRecord[],
  rule: BlockingRule,
  ids: Map<string, number>,
): Int32Array {
  const keyIds = new Int32Array(records.length);
  for (let index = 0; index < records.length; index++) {
    const key = rule.key(records[index]!);
    if (key === null) {
      keyIds[index] = -1;
      continue;
    }
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    keyIds[index] = id;
  }
  return keyIds;
}

/** Records grouped by key, in list order: key k's records are members[start[k]..start[k + 1]). */
interface Blocks {
  readonly start: Int32Array;
  readonly members: Int32Array;
}

function blocksOf(keyIds: Int32Array, keyCount: number): Blocks {
  const start = new Int32Array(keyCount + 1);
  for (const id of keyIds) if (id >= 0) start[id + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const next = start.slice(0, keyCount);
  const members = new Int32Array(start[keyCount]!);
  keyIds.forEach((id, index) => {
    if (id >= 0) members[next[id]!++] = index;
  });
  return { start, members };
}

/** One rule's keys on both sides, and which of its blocks gave pairs (were not skipped). */
interface RuleKeys {
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly isPaired: Uint8Array;
}

/** Whether an earlier rule already paired l and r: they share one of its keys and that block was paired. */
function isPairedBefore(earlier: readonly RuleKeys[], l: number, r: number): boolean {
  for (const keys of earlier) {
    const key = keys.left[l]!;
    if (key >= 0 && key === keys.right[r] && keys.isPaired[key] === 1) return true;
  }
  return false;
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
 * The union of the rules' candidate pairs, each pair once, in a deterministic order: rule by
 * rule, block by block in the order of their first record on the left, then by left and right
 * record. With `right` null the pairs are within `left` (i < j). Blocks over `maxBlockPairs`
 * are skipped. A pair is new when no earlier rule paired it, which the earlier rules' keys tell
 * without a set of the pairs seen.
 */
export function candidatePairs(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  rules: readonly BlockingRule[],
  maxBlockPairs: number,
): CandidatePairs {
  const within = right === null;
  const pairs = new PairList();
  const reports: RuleReport[] = [];
  const earlier: RuleKeys[] = [];
  for (const rule of rules) {
    // Keys numbered in order of first appearance on the left: the order blocks are visited in.
    const ids = new Map<string, number>();
    const leftKeys = keyIdsOf(left, rule, ids);
    const rightKeys = within ? leftKeys : keyIdsOf(right, rule, ids);
    const leftBlocks = blocksOf(leftKeys, ids.size);
    const rightBlocks = within ? leftBlocks : blocksOf(rightKeys, ids.size);
    const isPaired = new Uint8Array(ids.size);
    const before = pairs.length;
    let blocks = 0;
    let skippedBlocks = 0;
    let skippedPairs = 0;
    for (let key = 0; key < ids.size; key++) {
      const ls = leftBlocks.start[key]!;
      const le = leftBlocks.start[key + 1]!;
      const rs = rightBlocks.start[key]!;
      const re = rightBlocks.start[key + 1]!;
      const size = within ? ((le - ls) * (le - ls - 1)) / 2 : (le - ls) * (re - rs);
      if (size === 0) continue;
      if (size > maxBlockPairs) {
        skippedBlocks++;
        skippedPairs += size;
        continue;
      }
      blocks++;
      isPaired[key] = 1;
      for (let a = ls; a < le; a++) {
        const l = leftBlocks.members[a]!;
        for (let b = within ? a + 1 : rs; b < re; b++) {
          const r = rightBlocks.members[b]!;
          if (!isPairedBefore(earlier, l, r)) pairs.push(l, r);
        }
      }
    }
    earlier.push({ left: leftKeys, right: rightKeys, isPaired });
    const newPairs = pairs.length - before;
    reports.push({ rule: rule.name, blocks, newPairs, skippedBlocks, skippedPairs });
  }
  return { ...pairs.toArrays(), rules: reports };
}
