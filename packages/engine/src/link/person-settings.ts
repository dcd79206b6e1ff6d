import { fieldsRule } from '../block/blocking.ts';
import { givenNameKey, surnameKey } from '../names/name-key.ts';
import type { LinkSettings } from './settings.ts';

/**
 * The settings for lists of persons in Parley's list format (field names are its columns):
 * names across scripts and their Ukrainian/Russian forms, partial dates, service numbers, units;
 * blocking on the surname key, the date of birth, the given-name key with the birth year, and
 * the service number.
 */
export function personListSettings(
  thresholds: { match?: number; possible?: number; duplicate?: number } = {},
): LinkSettings {
  return {
    comparisons: [
      { field: 'surname', kind: 'surname', termFrequency: true },
      { field: 'given_name', kind: 'given-name' },
      { field: 'patronymic', kind: 'name' },
      { field: 'date_of_birth', kind: 'date' },
      { field: 'service_number', kind: 'identifier' },
      { field: 'unit', kind: 'tokens' },
      { field: 'place_of_birth', kind: 'tokens' },
      { field: 'sex', kind: 'exact' },
    ],
    blocking: {
      rules: [
        fieldsRule(['surname'], (value) => surnameKey(value)),
        fieldsRule(['date_of_birth']),
        {
          name: 'given-name key + birth year',
          key: (record) => {
            const given = record.fields.given_name;
            const birth = record.fields.date_of_birth;
            return given && birth ? `${givenNameKey(given)}|${birth.slice(0, 4)}` : null;
          },
        },
        fieldsRule(['service_number'], (value) => value.replace(/[\s-]/g, '').toUpperCase()),
      ],
    },
    thresholds,
  };
}
