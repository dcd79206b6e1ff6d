// The blocking keys of a person's record, computed once per record: every rule reads them, and
// the names behind them repeat thousands of times, so each distinct name is keyed once.
import { compactIdentifier } from '../compare/comparators.ts';
import { givenNameKey, latinXAsKh, surnameFormKey, surnameKey } from '../names/name-key.ts';
import { patronymicKey } from '../names/patronymic.ts';
import type { LinkRecord } from './settings.ts';

/** A record's keys; null where the field is missing. */
export interface PersonKeys {
  readonly surname: string | null;
  /** The surname key and, for a Latin surname with an x, the key of x read as х. */
  readonly surnameReadings: readonly string[];
  /** The coarser surname key that meets Ukrainian and Russian forms. */
  readonly surnameForm: string | null;
  readonly surnameInitial: string | null;
  readonly given: string | null;
  readonly givenInitial: string | null;
  readonly patronymic: string | null;
  readonly patronymicInitial: string | null;
  /** The date of birth when it is a full date (a year or a month alone is shared by too many). */
  readonly birthDate: string | null;
  readonly birthYear: string | null;
  readonly birthDecade: string | null;
  readonly serviceNumber: string | null;
}

function cached(key: (text: string) => string): (text: string | null | undefined) => string | null {
  const keys = new Map<string, string>();
  return (text) => {
    if (text === null || text === undefined) return null;
    let value = keys.get(text);
    if (value === undefined) {
      value = key(text);
      keys.set(text, value);
    }
    return value.length === 0 ? null : value;
  };
}

const initialOf = (key: string | null): string | null => key?.slice(0, 1) ?? null;

/** A reader of records' keys, each record's computed on first use and kept while it lives. */
export function personKeyReader(): (record: LinkRecord) => PersonKeys {
  const surnameOf = cached(surnameKey);
  const formOf = cached(surnameFormKey);
  const givenOf = cached(givenNameKey);
  const patronymicOf = cached(patronymicKey);
  const known = new WeakMap<LinkRecord, PersonKeys>();
  return (record) => {
    let keys = known.get(record);
    if (keys === undefined) {
      const { fields } = record;
      const surname = surnameOf(fields.surname);
      const xReading = surnameOf(latinXAsKh(fields.surname ?? ''));
      const surnameForm = formOf(fields.surname);
      const given = givenOf(fields.given_name);
      const patronymic = patronymicOf(fields.patronymic);
      const date = fields.date_of_birth ?? null;
      const birthYear = date !== null && /^\d{4}/.test(date) ? date.slice(0, 4) : null;
      keys = {
        surname,
        surnameReadings: [surname, xReading].filter((key) => key !== null),
        surnameForm,
        surnameInitial: initialOf(surnameForm),
        given,
        givenInitial: initialOf(given),
        patronymic,
        patronymicInitial: initialOf(patronymic),
        birthDate: date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
        birthYear,
        birthDecade: birthYear?.slice(0, 3) ?? null,
        serviceNumber: compactIdentifier(fields.service_number ?? null),
      };
      known.set(record, keys);
    }
    return keys;
  };
}

/** The key of several parts, or null when one is missing. */
export function joined(...parts: (string | null)[]): string | null {
  return parts.includes(null) ? null : parts.join('|');
}

/** Each present part as a key of its own, tagged by its place: agreeing on any one is enough. */
export function anyOf(...parts: (string | null)[]): string[] {
  const keys: string[] = [];
  parts.forEach((part, i) => {
    if (part !== null) keys.push(`${i}:${part}`);
  });
  return keys;
}

/**
 * The key with each of its letters left out in turn, and whole (a deletion neighbourhood): one
 * letter wrong, missing or extra leaves two keys that share a variant, so a surname with a typo
 * still meets the right one.
 */
export function deletions(key: string | null): string[] | null {
  if (key === null) return null;
  const variants = [key];
  for (let i = 0; i < key.length; i++) variants.push(key.slice(0, i) + key.slice(i + 1));
  return variants;
}
