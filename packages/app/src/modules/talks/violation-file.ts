import { parse } from 'csv-parse/sync';
import type { ViolationInput, ViolationProblem } from './domain/violation.ts';
import { readViolationHeader, validateViolationRow } from './domain/violation-row.ts';

export const MAX_VIOLATION_LINES = 10_000;

/**
 * Reads a violations CSV (UTF-8, comma or semicolon separated, a header row of named columns):
 * every report, or every problem by line and column. Never throws for what a file contains.
 */
export function readViolationFile(text: string): {
  violations: Array<{ line: number; violation: ViolationInput }>;
  problems: ViolationProblem[];
} {
  const content = text.replace(/^\uFEFF/, '');
  const firstLine = content.slice(0, content.indexOf('\n') + 1 || undefined);
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(content, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return {
      violations: [],
      problems: [
        {
          line,
          column: null,
          message: `not readable as CSV: ${(error as Error).message.replace(/^Invalid /, 'invalid ')}`,
          severity: 'error',
        },
      ],
    };
  }
  const [header, ...body] = rows;
  if (!header)
    return {
      violations: [],
      problems: [{ line: 1, column: null, message: 'the file is empty', severity: 'error' }],
    };
  const { columns, problems } = readViolationHeader(header.record);
  if (problems.length > 0) return { violations: [], problems };
  if (body.length === 0)
    problems.push({ line: 2, column: null, message: 'the file has no reports', severity: 'error' });
  if (body.length > MAX_VIOLATION_LINES)
    problems.push({
      line: MAX_VIOLATION_LINES + 2,
      column: null,
      message: `a file holds at most ${MAX_VIOLATION_LINES} reports; split it`,
      severity: 'error',
    });
  const violations: Array<{ line: number; violation: ViolationInput }> = [];
  for (const { record, info } of body.slice(0, MAX_VIOLATION_LINES)) {
    if (
      record.length > header.record.length &&
      record.slice(header.record.length).some((c) => c.trim() !== '')
    )
      problems.push({
        line: info.lines,
        column: null,
        message: `the line has ${record.length} cells, the header ${header.record.length}`,
        severity: 'error',
      });
    const checked = validateViolationRow(info.lines, columns, record);
    problems.push(...checked.problems);
    if (checked.violation) violations.push({ line: info.lines, violation: checked.violation });
  }
  return { violations: problems.length > 0 ? [] : violations, problems };
}
