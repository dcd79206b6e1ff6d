import { fieldsRule } from '../block/blocking.ts';
import { givenNameKey, surnameKey } from '../names/name-key.ts';
import type { LinkSettings } from './settings.ts';

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

/**
 * The settings for lists of persons in Parley's list format (field names are its columns):
 * names across scripts and their Ukrainian/Russian forms, partial dates, service numbers, units;
 * blocking on the surname key, the date of birth, the given-name key with the birth year, and
 * the service number.
 */
export function personListSettings(
  thresholds: { match?: number; possible?: number; duplicate?: number } = {},
): LinkSettings {
  const surnameKeyOf = cached(surnameKey);
  const givenNameKeyOf = cached(givenNameKey);
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
        fieldsRule(['surname'], (value) => surnameKeyOf(value)),
        fieldsRule(['date_of_birth']),
        {
          name: 'given-name key + birth year',
          key: (record) => {
            const given = record.fields.given_name;
            const birth = record.fields.date_of_birth;
            return given && birth ? `${givenNameKeyOf(given)}|${birth.slice(0, 4)}` : null;
          },
        },
        fieldsRule(['service_number'], (value) => value.replace(/[\s-]/g, '').toUpperCase()),
      ],
    },
    thresholds,
  };
}
