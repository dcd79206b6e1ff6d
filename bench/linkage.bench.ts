/**
 * The linkage benchmark (DESIGN.md, "Performance budgets"): FEBRL 4, 5,000 originals ×
 * 5,000 duplicates, linked unsupervised (no labels in training); true pairs rec-N-org ↔
 * rec-N-dup-0 are used only to measure pairs completeness, precision, recall and F1.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  fieldsRule,
  givenNameKey,
  linkLists,
  surnameKey,
  type LinkRecord,
  type LinkSettings,
} from '../packages/engine/src/index.ts';
import { writeResult } from './machine.ts';

// The shared benchmark data lives beside the project (../shared).
const DATA_DIR = path.resolve(import.meta.dirname, '../../shared/data/febrl');
const SEED = 42;
const BUDGET = { f1: 0.995, seconds: 2 };

/** Reads a FEBRL file (comma + space separated, fields trimmed, empty fields missing). */
export async function readFebrl(file: string): Promise<LinkRecord[]> {
  const text = await fs.readFile(file, 'utf8');
  const lines = text.split(/\r?\n/).filter((line) => line.trim().length > 0);
  const header = (lines[0] ?? '').split(',').map((cell) => cell.trim());
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((cell) => cell.trim());
    const raw = Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
    const value = (name: string): string | null => {
      const cell = raw[name] ?? '';
      return cell.length === 0 ? null : cell;
    };
    const dob = value('date_of_birth');
    return {
      id: raw.rec_id ?? '',
      fields: {
        given_name: value('given_name'),
        surname: value('surname'),
        date_of_birth:
          dob !== null && /^\d{8}$/.test(dob)
            ? `${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6, 8)}`
            : dob,
        soc_sec_id: value('soc_sec_id'),
        street_number: value('street_number'),
        address_1: value('address_1'),
        address_2: value('address_2'),
        suburb: value('suburb'),
        postcode: value('postcode'),
        state: value('state'),
      },
    };
  });
}

/** A name key computed once per distinct name. */
function cached(key: (text: string) => string): (text: string) => string {
  const keys = new Map<string, string>();
  return (text) => {
    let value = keys.get(text);
    if (value === undefined) {
      value = key(text);
      keys.set(text, value);
    }
    return value;
  };
}
const cachedSurnameKey = cached(surnameKey);
const cachedGivenNameKey = cached(givenNameKey);

const birthYear = (record: LinkRecord): string | null =>
  record.fields.date_of_birth?.slice(0, 4) ?? null;

/** The engine's settings for FEBRL: the four blocking rules and two on the address; ten comparisons. */
export const FEBRL_SETTINGS: LinkSettings = {
  comparisons: [
    { field: 'given_name', kind: 'given-name' },
    { field: 'surname', kind: 'surname', termFrequency: true },
    { field: 'date_of_birth', kind: 'date' },
    { field: 'soc_sec_id', kind: 'identifier' },
    { field: 'street_number', kind: 'identifier' },
    { field: 'address_1', kind: 'tokens' },
    { field: 'address_2', kind: 'tokens' },
    { field: 'suburb', kind: 'tokens' },
    { field: 'postcode', kind: 'identifier' },
    { field: 'state', kind: 'exact' },
  ],
  blocking: {
    rules: [
      fieldsRule(['surname'], (value) => cachedSurnameKey(value)),
      fieldsRule(['date_of_birth']),
      {
        name: 'given-name key + birth year',
        fields: ['given_name', 'date_of_birth'],
        key: (record) => {
          const given = record.fields.given_name;
          const year = birthYear(record);
          return given === null || given === undefined || year === null
            ? null
            : `${cachedGivenNameKey(given)}|${year}`;
        },
      },
      fieldsRule(['soc_sec_id']),
      // Beyond the four: the same address catches a changed surname and date together.
      fieldsRule(['street_number', 'postcode']),
      fieldsRule(['street_number', 'suburb']),
    ],
  },
  thresholds: {},
  training: { randomPairs: 50_000 },
};

const entityOf = (id: string): string => /^rec-(\d+)-/.exec(id)?.[1] ?? id;

export async function runLinkageBenchmark(): Promise<void> {
  const readStart = performance.now();
  const left = await readFebrl(`${DATA_DIR}/dataset4a.csv`);
  const right = await readFebrl(`${DATA_DIR}/dataset4b.csv`);
  const readSeconds = (performance.now() - readStart) / 1000;
  const byEntity = new Map(right.map((record) => [entityOf(record.id), record.id]));
  const truth: [string, string][] = [];
  for (const record of left) {
    const match = byEntity.get(entityOf(record.id));
    if (match !== undefined) truth.push([record.id, match]);
  }

  const loadAverageBefore = os.loadavg()[0]!;
  const start = performance.now();
  const result = linkLists(left, right, FEBRL_SETTINGS, { seed: SEED });
  const seconds = (performance.now() - start) / 1000;
  // Completeness is measured apart from the timed run: it is evaluation, not linkage. This second
  // run is also timed, warm (compiled code, name keys cached), for comparison only.
  const warmStart = performance.now();
  const { blocking } = linkLists(left, right, FEBRL_SETTINGS, { seed: SEED, truth });
  const warmSeconds = (performance.now() - warmStart) / 1000;

  const matches = result.pairs.filter((pair) => pair.decision === 'match');
  const truePositives = matches.filter(
    (pair) => entityOf(pair.leftId) === entityOf(pair.rightId),
  ).length;
  const precision = matches.length === 0 ? 0 : truePositives / matches.length;
  const recall = truth.length === 0 ? 0 : truePositives / truth.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const completeness = blocking.pairsCompleteness?.completeness ?? null;

  console.log(`records: ${left.length} × ${right.length}; read in ${readSeconds.toFixed(2)} s`);
  for (const rule of blocking.rules) {
    console.log(
      `  rule ${rule.rule}: ${rule.blocks} blocks, ${rule.newPairs} new pairs, ${rule.skippedBlocks} blocks skipped`,
    );
  }
  console.log(`candidate pairs: ${blocking.candidatePairs}; pairs completeness: ${completeness}`);
  console.log(
    `EM: ${result.model.iterations} iterations, converged ${result.model.converged}, λ = ${result.model.lambda.toExponential(3)}`,
  );
  console.log(
    `matches: ${matches.length}, true: ${truePositives}; precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}, F1 ${f1.toFixed(4)}`,
  );
  console.log(
    `linkage wall time: ${seconds.toFixed(2)} s (budget ${BUDGET.seconds} s); warm, with the truth: ${warmSeconds.toFixed(2)} s; load average before ${loadAverageBefore.toFixed(2)}`,
  );

  const withinBudget = f1 >= BUDGET.f1 && seconds <= BUDGET.seconds;
  await writeResult(
    'linkage',
    {
      dataset: 'FEBRL 4 (dataset4a × dataset4b)',
      seed: SEED,
      records: { left: left.length, right: right.length },
      truePairs: truth.length,
      candidatePairs: blocking.candidatePairs,
      pairsCompleteness: completeness,
      rules: blocking.rules,
      emIterations: result.model.iterations,
      lambda: result.model.lambda,
      matches: matches.length,
      truePositives,
      precision,
      recall,
      f1,
      seconds,
      warmSeconds,
      readSeconds,
      loadAverageBefore,
    },
    {
      budgets: { f1: `≥ ${BUDGET.f1} unsupervised`, seconds: `≤ ${BUDGET.seconds} s` },
      withinBudget,
    },
  );
}
