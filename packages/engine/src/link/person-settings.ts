import type { BlockingRule } from '../block/blocking.ts';
import { compactIdentifier } from '../compare/comparators.ts';
import { givenNameKey, surnameFormKey, surnameKey } from '../names/name-key.ts';
import { patronymicKey } from '../names/patronymic.ts';
import type { LinkRecord, LinkSettings } from './settings.ts';

/** A key computed once per distinct text: lists repeat their names thousands of times. */
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

/** The text with each one of its letters left out in turn, and whole: a typo meets the original. */
function deletions(text: string): string[] {
  const variants = [text];
  for (let i = 0; i < text.length; i++) variants.push(text.slice(0, i) + text.slice(i + 1));
  return variants;
}

const birthYearOf = (date: string | null | undefined): string | null =>
  date && /^\d{4}/.test(date) ? date.slice(0, 4) : null;

/** The blocking rules for persons: keys that a typo, another script or a missing field survive. */
function personRules(): BlockingRule[] {
  const surnameKeyOf = cached(surnameKey);
  const formKeyOf = cached(surnameFormKey);
  const givenKeyOf = cached(givenNameKey);
  const patronymicKeyOf = cached(patronymicKey);
  const field = (name: string, key: (text: string) => string) => (record: LinkRecord) => {
    const value = record.fields[name];
    if (value === null || value === undefined) return null;
    const text = key(value);
    return text.length === 0 ? null : text;
  };
  const surname = field('surname', surnameKeyOf);
  const surnameForm = field('surname', formKeyOf);
  const given = field('given_name', givenKeyOf);
  const patronymic = field('patronymic', patronymicKeyOf);
  const birthYear = (record: LinkRecord) => birthYearOf(record.fields.date_of_birth);
  const birthDecade = (record: LinkRecord) => birthYear(record)?.slice(0, 3) ?? null;
  const initial = (key: (record: LinkRecord) => string | null) => (record: LinkRecord) =>
    key(record)?.slice(0, 1) ?? null;
  const both =
    (a: (record: LinkRecord) => string | null, b: (record: LinkRecord) => string | null) =>
    (record: LinkRecord) => {
      const first = a(record);
      const second = first === null ? null : b(record);
      return second === null ? null : `${first}|${second}`;
    };
  // A big block is split by what else its records have: the given name, the father's name or
  // the year of birth, any of them (a typo in one, or one missing, keeps the pair together).
  const anyOf =
    (...keys: ((record: LinkRecord) => string | null)[]) =>
    (record: LinkRecord): string[] =>
      keys.flatMap((key, i) => {
        const value = key(record);
        return value === null ? [] : [`${i}:${value}`];
      });
  return [
    {
      name: 'surname key',
      fields: ['surname'],
      key: surname,
      refinements: [anyOf(given, patronymic, birthYear), birthDecade],
    },
    {
      name: 'date of birth',
      fields: ['date_of_birth'],
      // Only a full date: a year or a month alone is shared by too many.
      key: (record) => {
        const date = record.fields.date_of_birth;
        return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
      },
      refinements: [anyOf(initial(given), initial(surnameForm))],
    },
    {
      name: 'service number',
      fields: ['service_number'],
      key: (record) => compactIdentifier(record.fields.service_number ?? null),
    },
    {
      name: 'given-name key + birth year',
      fields: ['given_name', 'date_of_birth'],
      key: both(given, birthYear),
      refinements: [anyOf(initial(surnameForm), initial(patronymic))],
    },
    {
      name: 'surname key + patronymic key',
      fields: ['surname', 'patronymic'],
      key: both(surname, patronymic),
      refinements: [anyOf(birthDecade, initial(given))],
    },
    {
      name: 'given-name key + patronymic key',
      fields: ['given_name', 'patronymic'],
      key: both(given, patronymic),
      refinements: [anyOf(birthDecade, initial(surnameForm))],
    },
    {
      name: 'surname form key + given-name key',
      fields: ['surname', 'given_name'],
      key: both(surnameForm, given),
      refinements: [anyOf(birthYear, initial(patronymic))],
    },
    {
      // A surname with one letter wrong, missing or extra meets the right one: each keeps its
      // key with each letter left out in turn (a deletion neighbourhood), with the given name.
      name: 'surname key within one letter + given-name key',
      fields: ['surname', 'given_name'],
      key: (record) => {
        const key = surname(record);
        const name = key === null ? null : given(record);
        return name === null ? null : deletions(key!).map((variant) => `${variant}|${name}`);
      },
      refinements: [anyOf(birthYear, initial(patronymic))],
    },
  ];
}

/**
 * The settings for lists of persons in Parley's list format (field names are its columns):
 * names across scripts and their Ukrainian/Russian forms, partial dates, service numbers, units;
 * blocking on keys that survive a typo, another script, or a missing date or patronymic.
 */
export function personListSettings(
  thresholds: { match?: number; possible?: number; duplicate?: number } = {},
): LinkSettings {
  return {
    comparisons: [
      { field: 'surname', kind: 'surname', termFrequency: true },
      { field: 'given_name', kind: 'given-name', termFrequency: true },
      { field: 'patronymic', kind: 'patronymic', termFrequency: true },
      { field: 'date_of_birth', kind: 'date' },
      { field: 'service_number', kind: 'identifier', termFrequency: true },
      { field: 'unit', kind: 'tokens' },
      { field: 'place_of_birth', kind: 'tokens' },
      { field: 'sex', kind: 'exact' },
    ],
    blocking: { rules: personRules() },
    thresholds,
  };
}
