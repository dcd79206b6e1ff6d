// A list of persons as the engine's blocking rules for persons read it: a column per field they
// read. Copied to a worker thread much faster than whole records.
import { personListSettings, type LinkRecord } from '@parley/engine';

/** Per field the rules read, each record's value. */
export type PersonKeyColumns = Record<string, ReadonlyArray<string | null | undefined>>;

/** The fields the engine's rules for persons read: those their keys are made of. */
const PERSON_KEY_FIELDS = [
  ...new Set(personListSettings().blocking.rules.flatMap((rule) => rule.fields)),
];

/** The columns of the fields the rules read, from whole records. */
export const columnsOf = (records: readonly LinkRecord[]): PersonKeyColumns =>
  Object.fromEntries(
    PERSON_KEY_FIELDS.map((field) => [field, records.map((record) => record.fields[field])]),
  );

/** Records with the fields of the columns (and no id: blocking reads none). */
export function recordsOfColumns(columns: PersonKeyColumns): LinkRecord[] {
  const fields = Object.keys(columns);
  const size = columns[fields[0]!]?.length ?? 0;
  return Array.from({ length: size }, (_, i) => ({
    id: '',
    fields: Object.fromEntries(fields.map((field) => [field, columns[field]![i] ?? null])),
  }));
}
