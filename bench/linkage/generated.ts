// The linkage on generated cross-script lists: lists of a few lines, of a few thousand, and of
// 20,000 and 100,000 linked from files as `parley link` links them. The seeds here were never
// used while the engine was tuned (seeds 1 to 20 were), and the error rates vary with them.
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  candidateCompleteness,
  candidatePairs,
  linkLists,
  personListSettings,
  type LinkedPair,
  type LinkRecord,
} from '../../packages/engine/src/index.ts';
import {
  calibrationOf,
  generatePersonLists,
  HARD_RATES,
  judgedPairs,
  linkageQuality,
  type ListErrorRates,
  separableShare,
  TYPICAL_RATES,
  variedRates,
} from '../../packages/engine/src/testing/index.ts';
import { linkFiles } from '../../packages/app/src/modules/reconciliation/index.ts';
import { mib, round, sampleRss, withTempDir } from '../support.ts';

const HOLDOUT_SEED = 90_000;
/** The thresholds `parley link` and a reconciliation use by default. */
const DEFAULTS = { match: 0.9, review: 0.01 };
const DEFAULT_SETTINGS = personListSettings({ match: DEFAULTS.match, possible: DEFAULTS.review });

/** The kinds of lists generated: the usual errors, each seed's own mix of them, and harder ones. */
export const PROFILES: Record<string, (seed: number) => ListErrorRates> = {
  typical: () => TYPICAL_RATES,
  varied: (seed) => variedRates(TYPICAL_RATES, seed),
  hard: () => HARD_RATES,
};

const average = (values: readonly number[]) =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const percentile = (values: readonly number[], share: number) =>
  [...values].sort((a, b) => a - b)[Math.floor(share * (values.length - 1))] ?? 0;

/** Lists of 5 to 40 lines, many seeds: a party's first lists. */
export function smallLists(runs: number) {
  const byProfile = Object.entries(PROFILES).map(([profile, ratesOf]) => {
    const f1: number[] = [];
    const reached: number[] = [];
    for (let run = 0; run < runs; run++) {
      const seed = HOLDOUT_SEED + run;
      const size = 5 + (run % 36);
      const lists = generatePersonLists({
        seed,
        sought: size,
        held: Math.max(3, Math.round(size * (0.8 + (run % 5) / 10))),
        rates: ratesOf(seed),
      });
      const result = linkLists(lists.sought, lists.held, DEFAULT_SETTINGS, { seed: 1 });
      const quality = linkageQuality(result.pairs, lists.truth);
      f1.push(quality.f1);
      reached.push(quality.foundForReview);
    }
    return {
      profile,
      runs,
      f1: round(average(f1), 4),
      f1Lowest5Percent: round(percentile(f1, 0.05), 4),
      foundForReview: round(average(reached), 4),
    };
  });
  return byProfile;
}

/** Cross-script lists of a few thousand lines, several seeds per profile. */
export function midLists(seeds: number, sought = 3_000, held = 2_500) {
  return Object.entries(PROFILES).map(([profile, ratesOf]) => {
    const runs = Array.from({ length: seeds }, (_, i) => {
      const seed = HOLDOUT_SEED + 1_000 + i;
      const lists = generatePersonLists({ seed, sought, held, rates: ratesOf(seed) });
      const started = performance.now();
      const result = linkLists(lists.sought, lists.held, DEFAULT_SETTINGS, {
        seed: 1,
        truth: lists.truth,
      });
      const seconds = (performance.now() - started) / 1000;
      const quality = linkageQuality(result.pairs, lists.truth);
      return { quality, seconds, completeness: result.blocking.pairsCompleteness?.completeness };
    });
    return {
      profile,
      seeds,
      records: { sought, held },
      f1: round(average(runs.map((r) => r.quality.f1)), 4),
      precision: round(average(runs.map((r) => r.quality.precision)), 4),
      recall: round(average(runs.map((r) => r.quality.recall)), 4),
      foundForReview: round(average(runs.map((r) => r.quality.foundForReview)), 4),
      possiblePerTruePair: round(average(runs.map((r) => r.quality.possiblePerTruePair)), 3),
      pairsCompleteness: round(average(runs.map((r) => r.completeness ?? 0)), 4),
      seconds: round(average(runs.map((r) => r.seconds)), 2),
    };
  });
}

/** Calibration of generated lists' pairs, the pairs reported from a probability of 0.01. */
export function generatedCalibration(sought = 3_000, held = 2_500) {
  return Object.entries(PROFILES).map(([profile, ratesOf]) => {
    const seed = HOLDOUT_SEED + 2_000;
    const lists = generatePersonLists({ seed, sought, held, rates: ratesOf(seed) });
    const result = linkLists(
      lists.sought,
      lists.held,
      personListSettings({ match: 0.9, possible: 0.01 }),
      { seed: 1 },
    );
    return {
      dataset: `generated ${profile} ${sought} × ${held}`,
      ...calibrationOf(judgedPairs(result.pairs, lists.truth)),
    };
  });
}

const COLUMNS = [
  'record_id',
  'surname',
  'given_name',
  'patronymic',
  'date_of_birth',
  'service_number',
  'sex',
] as const;

async function writeList(file: string, records: readonly LinkRecord[]): Promise<void> {
  const rows = records.map((record) =>
    COLUMNS.map((column) => (column === 'record_id' ? record.id : (record.fields[column] ?? ''))),
  );
  await fs.writeFile(file, stringify([COLUMNS, ...rows]));
}

/**
 * Lists of `size` × `size` generated, written as CSV and linked by `linkFiles` exactly as
 * `parley link` links them (its threads, its defaults): time and memory of that call; then,
 * untimed, the quality against the truth, blocking's completeness and what the lists allow.
 */
export async function listsAtScale(size: number) {
  const lists = generatePersonLists({
    seed: HOLDOUT_SEED + 3_000 + size,
    sought: size,
    held: size,
    rates: TYPICAL_RATES,
  });
  return withTempDir('parley-linkage-', async (dir) => {
    const files = {
      left: path.join(dir, 'sought.csv'),
      right: path.join(dir, 'held.csv'),
      out: path.join(dir, 'links.csv'),
    };
    await writeList(files.left, lists.sought);
    await writeList(files.right, lists.held);
    const rss = sampleRss();
    const started = performance.now();
    const summary = await linkFiles({
      ...files,
      ...DEFAULTS,
      seed: 1,
      encoding: 'utf-8',
      maxBytes: 1e9,
    });
    const seconds = (performance.now() - started) / 1000;
    rss.stop();
    const rows = parse<Record<string, string>>(await fs.readFile(files.out, 'utf8'), {
      columns: true,
    });
    const pairs = rows.map(
      (row) =>
        ({
          leftId: row.left_id,
          rightId: row.right_id,
          probability: Number(row.match_probability),
          decision: row.decision,
        }) as LinkedPair,
    );
    const quality = linkageQuality(pairs, lists.truth);
    const settings = DEFAULT_SETTINGS;
    const candidates = candidatePairs(
      lists.sought,
      lists.held,
      settings.blocking.rules,
      settings.blocking.maxBlockPairs ?? 50_000,
    );
    const completeness = candidateCompleteness(
      lists.sought.map((record) => record.id),
      lists.held.map((record) => record.id),
      candidates.left,
      candidates.right,
      lists.truth,
    );
    return {
      records: { sought: size, held: size },
      truePairs: lists.truth.length,
      seconds: round(seconds, 2),
      peakRssMiB: Math.round(mib(rss.peak())),
      threads: summary.threads,
      candidatePairs: summary.candidatePairs,
      reductionRatio: 1 - summary.candidatePairs / (size * size),
      pairsCompleteness: round(completeness.completeness, 5),
      rules: candidates.rules,
      f1: round(quality.f1, 4),
      precision: round(quality.precision, 4),
      recall: round(quality.recall, 4),
      foundForReview: round(quality.foundForReview, 4),
      possiblePerTruePair: round(quality.possiblePerTruePair, 3),
      calibration: calibrationOf(judgedPairs(pairs, lists.truth)),
      // What the fields allow, at sizes where it is quick to tell (it scores every candidate).
      separableShare:
        size <= 20_000
          ? round(separableShare(lists.sought, lists.held, settings, lists.truth), 4)
          : null,
    };
  });
}
