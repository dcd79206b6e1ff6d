// Linking a few records against a big list that was prepared once: its values encoded and its
// blocks indexed, scored with a model trained before (by linking whole lists). A new inquiry is
// matched against 100,000 held lines in a fraction of a second, where linking the whole lists
// again would take seconds.
import type { KeyIndex } from '../block/blocking.ts';
import { keyTexts } from '../block/rules.ts';
import { buildComparison } from '../compare/comparators.ts';
import type { Comparison } from '../compare/levels.ts';
import {
  columnEncoder,
  comparisonVectors,
  encodeColumns,
  type EncodedColumns,
} from '../compare/vectors.ts';
import type { TrainedModel } from '../train/em.ts';
import { duplicatePairsOf, type LinkedPair, linkScored, type LinkResult } from './link.ts';
import {
  type ParallelRunOptions,
  planAndScore,
  type RunOptions,
  type ScoredCandidates,
  scoreWithModel,
} from './pipeline.ts';
import { type LinkRecord, type LinkSettings, resolveSettings } from './settings.ts';

/** A rule's blocks of a prepared list: the records of each key. */
export interface KeyBlocks {
  /** The records with the key, in list order (none when no record has it). */
  recordsOf(key: string): ArrayLike<number>;
}

/** A list ready to link records against: its values encoded, each rule's blocks indexed. */
export interface PreparedList {
  readonly records: readonly LinkRecord[];
  readonly settings: LinkSettings;
  readonly comparisons: readonly Comparison[];
  readonly columns: EncodedColumns;
  /** Per blocking rule, the records of each key. */
  readonly blocks: readonly KeyBlocks[];
}

const NO_RECORDS = new Int32Array(0);

/** Blocks gathered record by record. */
class GatheredBlocks implements KeyBlocks {
  readonly members = new Map<string, number[]>();

  recordsOf(key: string): ArrayLike<number> {
    return this.members.get(key) ?? NO_RECORDS;
  }
}

/** Blocks as blocking numbered them (its key index), kept as typed arrays. */
class IndexedBlocks implements KeyBlocks {
  constructor(private readonly index: KeyIndex) {}

  recordsOf(key: string): ArrayLike<number> {
    const id = this.index.numbers.get(key);
    if (id === undefined) return NO_RECORDS;
    return this.index.records.subarray(this.index.start[id], this.index.start[id + 1]);
  }
}

/** Prepares a list record by record (`add`), so that the work can be done in steps. */
function listPreparer(records: readonly LinkRecord[], settings: LinkSettings) {
  const comparisons = settings.comparisons.map(buildComparison);
  const encoders = comparisons.map((comparison) => columnEncoder(comparison, records.length));
  const blocks = settings.blocking.rules.map(() => new GatheredBlocks());
  return {
    add(from: number, to: number): void {
      for (let i = from; i < to; i++) {
        const record = records[i]!;
        for (const encoder of encoders) encoder.add(record, i);
        settings.blocking.rules.forEach((rule, r) => {
          for (const key of new Set(keyTexts(rule.key(record)))) {
            const members = blocks[r]!.members.get(key);
            if (members === undefined) blocks[r]!.members.set(key, [i]);
            else members.push(i);
          }
        });
      }
    },
    list: (): PreparedList => ({
      records,
      settings,
      comparisons,
      columns: encoders.map((encoder) => encoder.column()),
      blocks,
    }),
  };
}

/** Encodes a list's values and indexes its blocks once, for `linkAgainstPrepared`. */
export function prepareList(records: readonly LinkRecord[], settings: LinkSettings): PreparedList {
  const preparer = listPreparer(records, settings);
  preparer.add(0, records.length);
  return preparer.list();
}

/**
 * Links two lists as `linkLists` does (as `linkListsInParallel` with `options.runComparisons`),
 * and gives the right list prepared for `linkAgainstPrepared` from that same work: its values as
 * linking encoded them, its blocks as blocking numbered them. Preparing it apart would do both
 * again (seconds for 100,000 records).
 */
export async function linkAndPrepare(
  left: readonly LinkRecord[],
  right: readonly LinkRecord[],
  settings: LinkSettings,
  options: RunOptions & Partial<Omit<ParallelRunOptions, keyof RunOptions>>,
): Promise<{ result: LinkResult; prepared: PreparedList }> {
  const { plan, scored } = await planAndScore(left, right, settings, options);
  return {
    result: linkScored(scored, left, right, settings),
    prepared: {
      records: right,
      settings,
      comparisons: plan.comparisons,
      columns: plan.rightColumns,
      blocks: plan.candidates.index.map((index) => new IndexedBlocks(index)),
    },
  };
}

/**
 * `prepareList` in steps of so many records, letting other work run between them: a big list
 * takes seconds to prepare, which a server's thread cannot give at once.
 */
export async function prepareListInSteps(
  records: readonly LinkRecord[],
  settings: LinkSettings,
  step = 2_000,
): Promise<PreparedList> {
  const preparer = listPreparer(records, settings);
  for (let from = 0; from < records.length; from += step) {
    preparer.add(from, Math.min(records.length, from + step));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return preparer.list();
}

function kept(records: ArrayLike<number>, keep: (record: number) => boolean): number[] {
  const out: number[] = [];
  for (let k = 0; k < records.length; k++) if (keep(records[k]!)) out.push(records[k]!);
  return out;
}

/**
 * The candidates of each record among the prepared list's: every record of each rule's block of
 * its keys; a block bigger than the settings allow one record is narrowed by the rule's
 * refinements (records without the refinement key stay, as in blocking).
 */
function candidatesOf(
  left: readonly LinkRecord[],
  prepared: PreparedList,
): { left: Int32Array; right: Int32Array } {
  const { maxBlockPairs } = resolveSettings(prepared.settings);
  const lefts: number[] = [];
  const rights: number[] = [];
  const seenBy = new Int32Array(prepared.records.length);
  left.forEach((record, l) => {
    prepared.settings.blocking.rules.forEach((rule, r) => {
      for (const key of new Set(keyTexts(rule.key(record)))) {
        let members = prepared.blocks[r]!.recordsOf(key);
        for (const refinement of rule.refinements ?? []) {
          if (members.length <= maxBlockPairs) break;
          const own = new Set(keyTexts(refinement(record)));
          if (own.size === 0) break;
          members = kept(members, (m) => {
            const theirs = keyTexts(refinement(prepared.records[m]!));
            return theirs.length === 0 || theirs.some((part) => own.has(part));
          });
        }
        for (let k = 0; k < members.length; k++) {
          const m = members[k]!;
          if (seenBy[m] === l + 1) continue;
          seenBy[m] = l + 1;
          lefts.push(l);
          rights.push(m);
        }
      }
    });
  });
  return { left: Int32Array.from(lefts), right: Int32Array.from(rights) };
}

/**
 * Links records against a prepared list with a model trained before on lists like these (a
 * LinkResult's model): the same comparisons, weights, rivals and one-to-one decisions as
 * `linkLists`, without training. The prior is the model's: right for records from the list the
 * model was trained with, against the same prepared list.
 */
export function linkAgainstPrepared(
  left: readonly LinkRecord[],
  prepared: PreparedList,
  model: TrainedModel,
): LinkResult {
  const scored = scoreAgainstPrepared(left, prepared, model);
  return linkScored(scored, left, prepared.records, prepared.settings);
}

/**
 * The duplicates of a few new records in a list prepared before (the list deduped, e.g. with
 * `dedupeList`, and that run's model): each record's candidates in the list's blocks, decided as
 * `dedupeList` decides pairs (no rivals, the duplicate threshold for 'match'). The cost grows
 * with the records' blocks, not with the list.
 */
export function duplicatesInPrepared(
  left: readonly LinkRecord[],
  prepared: PreparedList,
  model: TrainedModel,
): LinkedPair[] {
  const scored = scoreAgainstPrepared(left, prepared, model);
  return duplicatePairsOf(scored, left, prepared.records, prepared.settings);
}

function scoreAgainstPrepared(
  left: readonly LinkRecord[],
  prepared: PreparedList,
  model: TrainedModel,
): ScoredCandidates {
  const pairs = candidatesOf(left, prepared);
  const leftColumns = encodeColumns(prepared.comparisons, left);
  const candidates = { ...pairs, rules: [], keys: [], index: [] };
  const levels = comparisonVectors(
    prepared.comparisons,
    leftColumns,
    prepared.columns,
    candidates.left,
    candidates.right,
  );
  const plan = {
    settings: prepared.settings,
    comparisons: prepared.comparisons,
    left,
    other: prepared.records,
    within: false,
    candidates,
    leftColumns,
    rightColumns: prepared.columns,
  };
  return scoreWithModel(plan, levels, model);
}
