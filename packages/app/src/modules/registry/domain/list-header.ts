import { LIST_COLUMNS, type ListColumn } from './list-columns.ts';
import type { LineProblem } from './line-problem.ts';

/** What each position of the file's header holds. */
export type HeaderSlot =
  | { kind: 'column'; column: ListColumn; label: string }
  | { kind: 'extra'; label: string }
  | { kind: 'unnamed'; label: string };

export interface AnalysedHeader {
  slots: HeaderSlot[];
  problems: LineProblem[];
}

const KNOWN = new Set<string>(LIST_COLUMNS);

/**
 * The list column the uploader says a file column holds, by the file column's name as written
 * in the header (trimmed): for files whose header is not in the list format's words.
 */
export type ColumnMapping = Readonly<Record<string, ListColumn>>;

/**
 * Matches the header's names to the list columns, case-insensitively after trimming, as the spec
 * says; a name the mapping names is read as the column it maps to.
 */
export function analyseHeader(
  cells: readonly string[],
  mapping: ColumnMapping = {},
): AnalysedHeader {
  const problems: LineProblem[] = [];
  const seen = new Map<string, number>();
  const slots = cells.map((cell, index): HeaderSlot => {
    const label = cell.trim();
    const key = (Object.hasOwn(mapping, label) ? mapping[label]! : label).toLowerCase();
    if (label === '') return { kind: 'unnamed', label: `#${index + 1}` };
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(headerError(label, `the column appears twice (also column ${first + 1})`));
    }
    seen.set(key, index);
    if (KNOWN.has(key)) return { kind: 'column', column: key as ListColumn, label };
    problems.push({
      line: 1,
      column: label,
      message: 'unknown column: its values are kept as extra attributes',
      severity: 'warning',
    });
    return { kind: 'extra', label };
  });
  if (!seen.has('record_id'))
    problems.push(headerError(null, 'the required column record_id is missing'));
  if (!seen.has('surname') && !seen.has('given_name')) {
    problems.push(headerError(null, 'the header needs a surname or a given_name column'));
  }
  return { slots, problems };
}

function headerError(column: string | null, message: string): LineProblem {
  return { line: 1, column, message, severity: 'error' };
}
