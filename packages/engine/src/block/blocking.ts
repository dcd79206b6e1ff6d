import type { LinkRecord } from '../link/settings.ts';

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

function blocksOf(records: readonly LinkRecord[], rule: BlockingRule): Map<string, number[]> {
  const blocks = new Map<string, number[]>();
  records.forEach((record, index) => {
    const key = rule.key(record);
    if (key === null) return;
    const block = blocks.get(key);
    if (block === undefined) blocks.set(key, [index]);
    else block.push(index);
  });
  return blocks;
}

/**
 * The union of the rules' candidate pairs, each pair once, in a deterministic order. With
 * `right` null the pairs are within `left` (i < j). Blocks over `maxBlockPairs` are skipped.
 */
export function candidatePairs(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[] | null,
  rules: readonly BlockingRule[],
  maxBlockPairs: number,
): CandidatePairs {
  const within = right === null;
  const width = within ? left.length : right.length;
  const seen = new Set<number>();
  const lefts: number[] = [];
  const rights: number[] = [];
  const reports: RuleReport[] = [];
  for (const rule of rules) {
    const leftBlocks = blocksOf(left, rule);
    const rightBlocks = within ? leftBlocks : blocksOf(right, rule);
    let blocks = 0;
    let newPairs = 0;
    let skippedBlocks = 0;
    let skippedPairs = 0;
    for (const [key, ls] of leftBlocks) {
      const rs = rightBlocks.get(key);
      if (rs === undefined) continue;
      const size = within ? (ls.length * (ls.length - 1)) / 2 : ls.length * rs.length;
      if (size === 0) continue;
      if (size > maxBlockPairs) {
        skippedBlocks++;
        skippedPairs += size;
        continue;
      }
      blocks++;
      for (let a = 0; a < ls.length; a++) {
        const l = ls[a]!;
        for (let b = within ? a + 1 : 0; b < rs.length; b++) {
          const r = rs[b]!;
          const code = l * width + r;
          if (seen.has(code)) continue;
          seen.add(code);
          lefts.push(l);
          rights.push(r);
          newPairs++;
        }
      }
    }
    reports.push({ rule: rule.name, blocks, newPairs, skippedBlocks, skippedPairs });
  }
  return { left: Int32Array.from(lefts), right: Int32Array.from(rights), rules: reports };
}
