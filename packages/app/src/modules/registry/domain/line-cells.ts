import { FIELD_OF_COLUMN, LIST_COLUMNS, type ListColumn, type PersonLine } from './list-columns.ts';

/** The text of one column of a line as a file shows it: the value, or the raw text of an accepted invalid value. */
export function cellOf(line: PersonLine, column: ListColumn): string {
  const value = line[FIELD_OF_COLUMN[column]];
  return value ?? line.invalid[column] ?? '';
}

/** A line as the cells of an exported row: the list columns in order, then the extra columns given. */
export function lineToCells(line: PersonLine, extraColumns: readonly string[]): string[] {
  return [
    ...LIST_COLUMNS.map((column) => cellOf(line, column)),
    ...extraColumns.map((name) => line.extra[name] ?? ''),
  ];
}

export interface FieldChange {
  column: string;
  before: string;
  after: string;
}

export interface LineDiff {
  added: PersonLine[];
  removed: PersonLine[];
  changed: Array<{
    recordId: string;
    before: PersonLine;
    after: PersonLine;
    changes: FieldChange[];
  }>;
  unchangedCount: number;
}

/** Compares two versions of a list line by line, matched on record_id. */
export function diffLines(before: readonly PersonLine[], after: readonly PersonLine[]): LineDiff {
  const previous = new Map(before.map((line) => [line.recordId, line]));
  const diff: LineDiff = { added: [], removed: [], changed: [], unchangedCount: 0 };
  for (const line of after) {
    const old = previous.get(line.recordId);
    previous.delete(line.recordId);
    if (!old) {
      diff.added.push(line);
      continue;
    }
    const changes = fieldChanges(old, line);
    if (changes.length === 0) diff.unchangedCount++;
    else diff.changed.push({ recordId: line.recordId, before: old, after: line, changes });
  }
  diff.removed = [...previous.values()];
  return diff;
}

function fieldChanges(before: PersonLine, after: PersonLine): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const column of LIST_COLUMNS) {
    const [a, b] = [cellOf(before, column), cellOf(after, column)];
    if (a !== b) changes.push({ column, before: a, after: b });
  }
  const extraNames = new Set([...Object.keys(before.extra), ...Object.keys(after.extra)]);
  for (const name of extraNames) {
    const [a, b] = [before.extra[name] ?? '', after.extra[name] ?? ''];
    if (a !== b) changes.push({ column: name, before: a, after: b });
  }
  return changes;
}
