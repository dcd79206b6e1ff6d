/**
 * Finding duplicates within one list, on data the engine was not tuned on (issue #4):
 * - FEBRL dataset3: 5,000 records, 2,000 originals and 3,000 duplicates (rec-N-org, rec-N-dup-k);
 * - Splink's fake_1000: 1,000 records of 250 persons (`cluster`), and its 3,176 clerically
 *   labelled pairs.
 * Unsupervised: the labels are used only to measure. Pairwise precision, recall and F1 count
 * every pair of records put in one cluster against every pair of one true person.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import {
  dedupeList,
  fieldsRule,
  givenNameKey,
  surnameKey,
  type DedupeResult,
  type LinkRecord,
  type LinkSettings,
} from '../packages/engine/src/index.ts';
import { febrlSettings, readFebrl } from './linkage/labelled.ts';
import { writeResult } from './machine.ts';

const DATA = path.resolve(import.meta.dirname, '../../shared/data');
const SEED = 42;
/** As `parley dedupe` runs by default: records join a cluster from a match probability of 0.9. */
const DUPLICATE = 0.9;

/** The engine's settings for fake_1000's columns: names, date of birth, city, e-mail. */
const FAKE_1000_SETTINGS: LinkSettings = {
  comparisons: [
    { field: 'given_name', kind: 'given-name' },
    { field: 'surname', kind: 'surname', termFrequency: true },
    { field: 'date_of_birth', kind: 'date' },
    { field: 'city', kind: 'exact', termFrequency: true },
    { field: 'email', kind: 'identifier' },
  ],
  blocking: {
    rules: [
      fieldsRule(['surname'], (value) => surnameKey(value)),
      fieldsRule(['given_name'], (value) => givenNameKey(value)),
      fieldsRule(['date_of_birth']),
      fieldsRule(['email']),
    ],
  },
  thresholds: { duplicate: DUPLICATE },
  training: { randomPairs: 50_000 },
};

interface Scores {
  truePairs: number;
  foundPairs: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Pairwise scores of the found clusters against the true entities. */
function pairwise(
  records: readonly LinkRecord[],
  clusters: ReadonlyMap<string, string>,
  entityOf: (id: string) => string,
): Scores {
  const pairsIn = (groups: Map<string, string[]>) => {
    const pairs = new Set<string>();
    for (const ids of groups.values()) {
      const sorted = [...ids].sort();
      for (let i = 0; i < sorted.length; i++)
        for (let j = i + 1; j < sorted.length; j++) pairs.add(`${sorted[i]}|${sorted[j]}`);
    }
    return pairs;
  };
  const group = (key: (id: string) => string) => {
    const groups = new Map<string, string[]>();
    for (const { id } of records) groups.set(key(id), [...(groups.get(key(id)) ?? []), id]);
    return groups;
  };
  const truth = pairsIn(group(entityOf));
  const found = pairsIn(group((id) => clusters.get(id) ?? id));
  const truePositives = [...found].filter((pair) => truth.has(pair)).length;
  const precision = found.size === 0 ? 0 : truePositives / found.size;
  const recall = truth.size === 0 ? 0 : truePositives / truth.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs: truth.size, foundPairs: found.size, truePositives, precision, recall, f1 };
}

function timed(
  records: LinkRecord[],
  settings: LinkSettings,
): { result: DedupeResult; seconds: number } {
  const started = performance.now();
  const result = dedupeList(records, settings, { seed: SEED });
  return { result, seconds: (performance.now() - started) / 1000 };
}

async function readFake1000(): Promise<{ records: LinkRecord[]; clusterOf: Map<string, string> }> {
  const rows = parse<Record<string, string>>(
    await fs.readFile(`${DATA}/splink_datasets/fake_1000.csv`, 'utf8'),
    {
      columns: true,
    },
  );
  const value = (text: string | undefined) => (text ? text : null);
  const clusterOf = new Map(rows.map((row) => [row.unique_id!, row.cluster!]));
  const records = rows.map((row) => ({
    id: row.unique_id!,
    fields: {
      given_name: value(row.first_name),
      surname: value(row.surname),
      date_of_birth: value(row.dob),
      city: value(row.city),
      email: value(row.email),
    },
  }));
  return { records, clusterOf };
}

/** Agreement with Splink's clerical labels: a pair scored ≥ 0.5 is a match. */
async function labelledAgreement(clusters: ReadonlyMap<string, string>) {
  const rows = parse<Record<string, string>>(
    await fs.readFile(`${DATA}/splink_datasets/fake_1000_labels.csv`, 'utf8'),
    {
      columns: true,
    },
  );
  let agree = 0;
  for (const row of rows) {
    const isLabelledMatch = Number(row.clerical_match_score) >= 0.5;
    const isFound = clusters.get(row.unique_id_l!) === clusters.get(row.unique_id_r!);
    if (isLabelledMatch === isFound) agree++;
  }
  return { labelledPairs: rows.length, agreement: agree / rows.length };
}

export async function runDedupeBenchmark(): Promise<void> {
  const loadAverageBefore = os.loadavg()[0]!;
  const febrl = await readFebrl(`${DATA}/febrl/dataset3.csv`);
  const febrlRun = timed(febrl, { ...febrlSettings(), thresholds: { duplicate: DUPLICATE } });
  const febrlScores = pairwise(
    febrl,
    febrlRun.result.clusters,
    (id) => /^rec-(\d+)-/.exec(id)?.[1] ?? id,
  );
  console.log(
    `FEBRL dataset3 (${febrl.length} records): ${febrlScores.foundPairs} pairs found, ${febrlScores.truePairs} true; ` +
      `precision ${febrlScores.precision.toFixed(4)}, recall ${febrlScores.recall.toFixed(4)}, F1 ${febrlScores.f1.toFixed(4)} ` +
      `in ${febrlRun.seconds.toFixed(2)} s`,
  );

  const fake = await readFake1000();
  const fakeRun = timed(fake.records, FAKE_1000_SETTINGS);
  const fakeScores = pairwise(
    fake.records,
    fakeRun.result.clusters,
    (id) => fake.clusterOf.get(id) ?? id,
  );
  const labels = await labelledAgreement(fakeRun.result.clusters);
  console.log(
    `Splink fake_1000 (${fake.records.length} records): ${fakeScores.foundPairs} pairs found, ${fakeScores.truePairs} true; ` +
      `precision ${fakeScores.precision.toFixed(4)}, recall ${fakeScores.recall.toFixed(4)}, F1 ${fakeScores.f1.toFixed(4)} ` +
      `in ${fakeRun.seconds.toFixed(2)} s; agrees with ${(labels.agreement * 100).toFixed(1)}% of ${labels.labelledPairs} clerical labels`,
  );
  console.log(`load average before ${loadAverageBefore.toFixed(2)}`);

  await writeResult('dedupe', {
    seed: SEED,
    duplicateThreshold: DUPLICATE,
    loadAverageBefore,
    febrl3: { records: febrl.length, seconds: febrlRun.seconds, ...febrlScores },
    fake1000: { records: fake.records.length, seconds: fakeRun.seconds, ...fakeScores, ...labels },
  });
}
