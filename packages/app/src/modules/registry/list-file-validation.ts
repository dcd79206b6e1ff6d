import type { LineProblem } from './domain/line-problem.ts';
import { createLineValidator } from './domain/line-validator.ts';
import type { PersonLine } from './domain/list-columns.ts';
import { analyseHeader, type ColumnMapping } from './domain/list-header.ts';
import { readListRows, type ListFileInput, type RawRow } from './list-file-reader.ts';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const isKnownCountry = (code: string) => regionNames.of(code) !== code;

const WRITE_BATCH = 5_000;

export interface ValidationOutcome {
  lineCount: number;
  flaggedLineCount: number;
  errors: LineProblem[];
  warnings: LineProblem[];
}

export interface ValidationOptions {
  /** The list column each differently named file column holds. */
  columns?: ColumnMapping;
  /** Told of every row as read, the header first (a preview keeps the first few). */
  onRow?: (row: RawRow) => void;
  /** Leave out lines without a name, with a warning each, instead of refusing the file. */
  leaveOutNameless?: boolean;
}

/**
 * Reads and validates a whole file, handing valid lines on in batches until the first error;
 * after that it only reads on, so that every bad line is named.
 */
export function validateFile(
  file: ListFileInput,
  acceptInvalid: boolean,
  write: (lines: PersonLine[]) => Promise<void>,
  options: ValidationOptions = {},
): Promise<ValidationOutcome> {
  return validateRows(readListRows(file), acceptInvalid, write, options);
}

/** As validateFile, over rows already read from a file. */
export async function validateRows(
  rows: AsyncIterable<RawRow>,
  acceptInvalid: boolean,
  write: (lines: PersonLine[]) => Promise<void>,
  options: ValidationOptions = {},
): Promise<ValidationOutcome> {
  const outcome: ValidationOutcome = {
    lineCount: 0,
    flaggedLineCount: 0,
    errors: [],
    warnings: [],
  };
  const sort = (problems: LineProblem[]) =>
    problems.forEach((p) => (p.severity === 'error' ? outcome.errors : outcome.warnings).push(p));
  let batch: PersonLine[] = [];
  let validate: ReturnType<typeof createLineValidator> | undefined;
  for await (const row of rows) {
    options.onRow?.(row);
    if (!validate) {
      const header = analyseHeader(row.cells, options.columns);
      sort(header.problems);
      if (outcome.errors.length > 0) return outcome;
      validate = createLineValidator(header.slots, {
        acceptInvalid,
        isKnownCountry,
        leaveOutNameless: options.leaveOutNameless,
      });
      continue;
    }
    const result = validate(row.line, row.cells);
    sort(result.problems);
    if (!result.line || outcome.errors.length > 0) continue;
    outcome.lineCount++;
    if (Object.keys(result.line.invalid).length > 0) outcome.flaggedLineCount++;
    batch.push(result.line);
    if (batch.length >= WRITE_BATCH) {
      await write(batch);
      batch = [];
    }
  }
  if (!validate) {
    outcome.errors.push({
      line: 1,
      column: null,
      message: 'the file has no header row',
      severity: 'error',
    });
  } else if (outcome.errors.length === 0) {
    if (batch.length > 0) await write(batch);
    if (outcome.lineCount === 0) {
      outcome.warnings.push({
        line: 1,
        column: null,
        message: 'the file has a header but no lines: the new version is empty',
        severity: 'warning',
      });
    }
  }
  return outcome;
}

/** Reads a whole list file into its lines, with every error and warning, without a database. */
export async function readPersonLines(
  file: ListFileInput,
  acceptInvalid: boolean,
  options: Pick<ValidationOptions, 'leaveOutNameless'> = {},
): Promise<ValidationOutcome & { lines: PersonLine[] }> {
  const lines: PersonLine[] = [];
  const outcome = await validateFile(
    file,
    acceptInvalid,
    async (batch) => {
      lines.push(...batch);
    },
    options,
  );
  return { ...outcome, lines };
}
