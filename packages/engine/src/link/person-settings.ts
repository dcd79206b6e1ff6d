import type { BlockingRule } from '../block/blocking.ts';
import { anyOf, deletions, joined, personKeyReader } from './person-keys.ts';
import type { LinkSettings } from './settings.ts';

/** The blocking rules for persons: keys that a typo, another script or a missing field survive. */
function personRules(): BlockingRule[] {
  const keysOf = personKeyReader();
  return [
    {
      name: 'surname key',
      fields: ['surname'],
      // A Latin surname with an x stands in the blocks of both its readings (x as кс, x as х).
      key: (record) => keysOf(record).surnameReadings,
      // A common surname's block is split by what else its records have: the given name, the
      // father's name or the year of birth, any of them (a typo in one, or one missing, keeps
      // the pair together), then by the decade of birth.
      refinements: [
        (record) => {
          const keys = keysOf(record);
          return anyOf(keys.given, keys.patronymic, keys.birthYear);
        },
        (record) => keysOf(record).birthDecade,
      ],
    },
    // A full date with the first letter of the given name, or of the surname: two persons in
    // 15,000 share a date by chance, few of them an initial too.
    {
      name: 'date of birth + given-name initial',
      fields: ['date_of_birth', 'given_name'],
      key: (record) => joined(keysOf(record).birthDate, keysOf(record).givenInitial),
    },
    {
      name: 'date of birth + surname initial',
      fields: ['date_of_birth', 'surname'],
      key: (record) => joined(keysOf(record).birthDate, keysOf(record).surnameInitial),
    },
    {
      name: 'service number',
      fields: ['service_number'],
      key: (record) => keysOf(record).serviceNumber,
    },
    {
      // With the surname's first letter: a typo seldom touches it, and it keeps the blocks small.
      name: 'given-name key + birth year + surname initial',
      fields: ['given_name', 'date_of_birth', 'surname'],
      key: (record) => {
        const keys = keysOf(record);
        return joined(keys.given, keys.birthYear, keys.surnameInitial);
      },
      refinements: [(record) => keysOf(record).patronymicInitial],
    },
    {
      name: 'given-name key + patronymic key + surname initial',
      fields: ['given_name', 'patronymic', 'surname'],
      key: (record) => {
        const keys = keysOf(record);
        return joined(keys.given, keys.patronymic, keys.surnameInitial);
      },
      refinements: [(record) => keysOf(record).birthDecade],
    },
    {
      name: 'surname form key + given-name key',
      fields: ['surname', 'given_name'],
      key: (record) => joined(keysOf(record).surnameForm, keysOf(record).given),
      refinements: [(record) => anyOf(keysOf(record).birthYear, keysOf(record).patronymicInitial)],
    },
    {
      // A surname with one letter wrong, missing or extra meets the right one.
      name: 'surname key within one letter + given-name key',
      fields: ['surname', 'given_name'],
      key: (record) => {
        const keys = keysOf(record);
        const parts = deletions(keys.surname);
        return keys.given === null || parts === null
          ? null
          : parts.map((part) => `${part}|${keys.given}`);
      },
      refinements: [(record) => anyOf(keysOf(record).birthYear, keysOf(record).patronymicInitial)],
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
    // Blocks of more than 5,000 pairs are split by the rules' refinements: a common surname's
    // block compares only records that also share a given name, a father's name or a year.
    blocking: { rules: personRules(), maxBlockPairs: 5_000 },
    thresholds,
  };
}
