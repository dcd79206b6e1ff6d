import { AppError } from '../../platform/errors.ts';
import type { ListFileLimits } from '../../platform/config.ts';
import type { LineProblem } from './domain/line-problem.ts';
import type { RawRow } from './raw-row.ts';

/** The variable an operator sets to change each limit (platform/config.ts). */
const VARIABLE_OF: Record<keyof ListFileLimits, string> = {
  maxCellChars: 'PARLEY_MAX_CELL_CHARS',
  maxLines: 'PARLEY_MAX_LIST_LINES',
  maxColumns: 'PARLEY_MAX_LIST_COLUMNS',
  maxUnpackedBytes: 'PARLEY_MAX_UNPACKED_BYTES',
};

const count = (n: number) => n.toLocaleString('en');

/** The spreadsheet name of a column from its 0-based index: A, B, ..., Z, AA, ... */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/**
 * Refuses a file over one of its limits: the import's answer names the line and the column, as
 * for every other bad line, and the message says which setting raises the limit.
 */
export function limitExceeded(
  file: string,
  problem: Omit<LineProblem, 'severity'>,
  limit: keyof ListFileLimits,
): AppError {
  const where =
    problem.column === null
      ? `line ${problem.line}`
      : `line ${problem.line}, column ${problem.column}`;
  const message = `${problem.message} (the limit is set by ${VARIABLE_OF[limit]})`;
  return new AppError(
    'REGISTRY.IMPORT_REJECTED',
    `${file} was not imported: ${where}: ${message}`,
    {
      errors: [{ ...problem, message, severity: 'error' }],
      warnings: [],
    },
  );
}

/** How a problem names a column: its header label, with its letter and number when the file has no label for it. */
export function columnName(header: readonly string[] | null, index: number): string {
  const label = header?.[index]?.trim();
  return label ? label : `${columnLetter(index)} (column ${index + 1})`;
}

/** The error for a cell longer than the limit, at a line and column of the file. */
export function cellTooLong(
  file: string,
  where: { line: number; index: number; header: readonly string[] | null },
  limits: ListFileLimits,
  length?: number,
): AppError {
  const seen = length === undefined ? 'more than' : `${count(length)} characters, more than`;
  return limitExceeded(
    file,
    {
      line: where.line,
      column: columnName(where.header, where.index),
      message: `the cell is too long: ${seen} the limit of ${count(limits.maxCellChars)} characters`,
    },
    'maxCellChars',
  );
}

/**
 * Passes the rows of a file on while they stay within the limits: no cell longer than the
 * longest allowed, no line with more columns, no more lines under the header.
 */
export async function* withinLimits(
  rows: AsyncIterable<RawRow>,
  file: string,
  limits: ListFileLimits,
): AsyncGenerator<RawRow> {
  let header: string[] | null = null;
  let lines = 0;
  for await (const row of rows) {
    if (row.cells.length > limits.maxColumns) {
      throw limitExceeded(
        file,
        {
          line: row.line,
          column: columnLetter(limits.maxColumns),
          message: `the line has ${count(row.cells.length)} columns, more than the limit of ${count(limits.maxColumns)}`,
        },
        'maxColumns',
      );
    }
    const long = row.cells.findIndex((cell) => cell.length > limits.maxCellChars);
    if (long >= 0) {
      const length = row.cells[long]?.length;
      throw cellTooLong(file, { line: row.line, index: long, header }, limits, length);
    }
    if (header === null) header = row.cells;
    else if (++lines > limits.maxLines) {
      throw limitExceeded(
        file,
        {
          line: row.line,
          column: null,
          message: `the file has more than ${count(limits.maxLines)} lines under its header`,
        },
        'maxLines',
      );
    }
    yield row;
  }
}
