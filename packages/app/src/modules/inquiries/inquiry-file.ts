import { AppError } from '../../platform/errors.ts';
import { readPersonLines, type ListFileInput, type LineProblem } from '../registry/index.ts';
import { INQUIRY_COLUMNS, inquiryOfLine, type InquiryRow } from './domain/inquiry-row.ts';
import { CHANNELS, LANGUAGES, RELATIONS } from './inquiries.schemas.ts';

/**
 * Reads a CSV or XLSX file of inquiries as the registry reads a list (the same reader, limits and
 * checks of the person's columns), then the inquiry's own columns; any error refuses the whole
 * file, every error listed by line and column.
 */
export async function readInquiryFile(
  file: ListFileInput,
): Promise<Array<{ line: number; inquiry: InquiryRow }>> {
  // Read leniently, so that every line comes through and each is checked; the values the list
  // reader would refuse (its warnings on flagged lines) are errors here all the same.
  const outcome = await readPersonLines(file, true);
  const flagged = new Set(
    outcome.lines.filter((l) => Object.keys(l.invalid).length > 0).map((l) => l.lineNumber),
  );
  const own = new Set<string>(INQUIRY_COLUMNS);
  const refused = outcome.warnings.filter(
    (w) => flagged.has(w.line) && w.column !== null && !own.has(w.column.trim().toLowerCase()),
  );
  const errors: LineProblem[] = [
    ...outcome.errors,
    ...refused.map((w) => ({ ...w, severity: 'error' as const })),
  ];
  const inquiries: Array<{ line: number; inquiry: InquiryRow }> = [];
  for (const line of outcome.lines) {
    const read = inquiryOfLine(line, {
      relations: RELATIONS,
      languages: LANGUAGES,
      channels: CHANNELS,
    });
    if (flagged.has(line.lineNumber) && read.ok) continue;
    if (read.ok) inquiries.push({ line: line.lineNumber, inquiry: read.value });
    else errors.push(...read.problems);
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    throw new AppError(
      'INQUIRY.IMPORT_REJECTED',
      `${file.name} was not imported: ${errors.length} error${errors.length === 1 ? '' : 's'}`,
      { errors, warnings: outcome.warnings.filter((w) => !refused.includes(w)) },
    );
  }
  return inquiries;
}
