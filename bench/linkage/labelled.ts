// Labelled person records the engine was not built on (FEBRL, Splink's examples), read into the
// engine's records, with the settings each is linked under and its true pairs.
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  fieldsRule,
  givenNameKey,
  surnameKey,
  type LinkRecord,
  type LinkSettings,
} from '../../packages/engine/src/index.ts';
import { SHARED_DATA } from '../../test/support/shared-data.ts';

/** Records on both sides (right null for duplicates within one list) and the true pairs. */
export interface LabelledSet {
  readonly name: string;
  readonly left: LinkRecord[];
  readonly right: LinkRecord[] | null;
  readonly truth: [string, string][];
  readonly settings: LinkSettings;
}

const isoDate = (dob: string | null): string | null =>
  dob !== null && /^\d{8}$/.test(dob)
    ? `${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6, 8)}`
    : dob;

/** Reads a CSV of FEBRL's kind (comma-separated, fields trimmed, empty fields missing). */
async function readRows(file: string): Promise<Record<string, string | null>[]> {
  const text = await fs.readFile(file, 'utf8');
  const lines = text.split(/\r?\n/).filter((line) => line.trim().length > 0);
  const header = (lines[0] ?? '').split(',').map((cell) => cell.trim());
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((cell) => cell.trim());
    return Object.fromEntries(header.map((name, i) => [name, cells[i] || null]));
  });
}

const FEBRL_FIELDS = [
  'given_name',
  'surname',
  'street_number',
  'address_1',
  'address_2',
  'suburb',
  'postcode',
  'state',
  'soc_sec_id',
] as const;

/** A FEBRL file's records, the date of birth as YYYY-MM-DD; FEBRL writes no names in Cyrillic. */
export async function readFebrl(file: string, idColumn = 'rec_id'): Promise<LinkRecord[]> {
  return (await readRows(file)).map((row) => ({
    id: row[idColumn] ?? '',
    fields: {
      ...Object.fromEntries(FEBRL_FIELDS.map((field) => [field, row[field] ?? null])),
      date_of_birth: isoDate(row.date_of_birth ?? null),
    },
  }));
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

/** The engine's settings for FEBRL: ten comparisons; blocking on names, the date and the address. */
export function febrlSettings(): LinkSettings {
  const surnameOf = cached(surnameKey);
  const givenOf = cached(givenNameKey);
  return {
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
        fieldsRule(['surname'], (value) => surnameOf(value)),
        fieldsRule(['date_of_birth']),
        {
          name: 'given-name key + birth year',
          fields: ['given_name', 'date_of_birth'],
          key: (record) => {
            const given = record.fields.given_name;
            const year = record.fields.date_of_birth?.slice(0, 4) ?? null;
            return given === null || given === undefined || year === null
              ? null
              : `${givenOf(given)}|${year}`;
          },
        },
        fieldsRule(['soc_sec_id']),
        // The same address catches a changed surname and date together.
        fieldsRule(['street_number', 'postcode']),
        fieldsRule(['street_number', 'suburb']),
      ],
    },
    thresholds: {},
    training: { randomPairs: 50_000 },
  };
}

const entityOf = (id: string): string => /^rec-(\d+)-/.exec(id)?.[1] ?? id;

/** FEBRL 4: 5,000 originals × 5,000 duplicates, rec-N-org ↔ rec-N-dup-0. */
export async function febrl4(): Promise<LabelledSet> {
  const dir = path.join(SHARED_DATA, 'febrl');
  const left = await readFebrl(path.join(dir, 'dataset4a.csv'));
  const right = await readFebrl(path.join(dir, 'dataset4b.csv'));
  const byEntity = new Map(right.map((record) => [entityOf(record.id), record.id]));
  const truth = left.flatMap((record): [string, string][] => {
    const match = byEntity.get(entityOf(record.id));
    return match === undefined ? [] : [[record.id, match]];
  });
  return { name: 'FEBRL 4 (4a × 4b)', left, right, truth, settings: febrlSettings() };
}

/**
 * FEBRL 0.4.2's linkage set D of `size` records: originals × their one duplicate each, records
 * matching when their rec_id but its last digit agree (Febrl's own rule).
 */
export async function febrlD(size: number): Promise<LabelledSet> {
  const dir = path.join(SHARED_DATA, 'febrl', 'febrl-0.4.2', 'link-dsgen');
  const left = await readFebrl(path.join(dir, `dataset_D_org_${size}.csv`));
  const right = await readFebrl(path.join(dir, `dataset_D_dup_${size}.csv`));
  const byEntity = new Map(right.map((record) => [record.id.slice(0, -1), record.id]));
  const truth = left.flatMap((record): [string, string][] => {
    const match = byEntity.get(record.id.slice(0, -1));
    return match === undefined ? [] : [[record.id, match]];
  });
  return { name: `FEBRL D ${size} (org × dup)`, left, right, truth, settings: febrlSettings() };
}

/** Splink's fake_1000: 1,000 records of 250 persons, duplicates within one list. */
export async function splinkFake1000(): Promise<LabelledSet> {
  const rows = await readRows(path.join(SHARED_DATA, 'splink_datasets', 'fake_1000.csv'));
  const left = rows.map((row) => ({
    id: row.unique_id ?? '',
    fields: {
      given_name: row.first_name ?? null,
      surname: row.surname ?? null,
      date_of_birth: row.dob ?? null,
      city: row.city ?? null,
      email: row.email ?? null,
    },
  }));
  const clusterOf = new Map(rows.map((row) => [row.unique_id ?? '', row.cluster ?? '']));
  const truth: [string, string][] = [];
  left.forEach((a, i) =>
    left.slice(i + 1).forEach((b) => {
      if (clusterOf.get(a.id) === clusterOf.get(b.id)) truth.push([a.id, b.id]);
    }),
  );
  const surnameOf = cached(surnameKey);
  return {
    name: "Splink's fake_1000 (duplicates)",
    left,
    right: null,
    truth,
    settings: {
      comparisons: [
        { field: 'given_name', kind: 'given-name' },
        { field: 'surname', kind: 'surname', termFrequency: true },
        { field: 'date_of_birth', kind: 'date' },
        { field: 'city', kind: 'tokens' },
        { field: 'email', kind: 'identifier' },
      ],
      blocking: {
        rules: [
          fieldsRule(['surname'], (value) => surnameOf(value)),
          fieldsRule(['date_of_birth']),
          fieldsRule(['email']),
          fieldsRule(['given_name', 'city']),
        ],
      },
      thresholds: {},
    },
  };
}
