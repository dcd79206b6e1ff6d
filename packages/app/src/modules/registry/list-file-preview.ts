import type { LineProblem } from './domain/line-problem.ts';
import type { ListColumn } from './domain/list-columns.ts';
import { analyseHeader, type ColumnMapping } from './domain/list-header.ts';
import { readListRows, type ListFileInput, type RawRow } from './list-file-reader.ts';
import { validateRows } from './list-file-validation.ts';

const SAMPLE_ROWS = 5;

export interface ListFilePreview {
  /** Each column of the file's header, and the list column it is read as (null: kept as extra). */
  columns: Array<{ label: string; column: ListColumn | null }>;
  /** The first lines under the header, as written. */
  sample: RawRow[];
  lineCount: number;
  flaggedLineCount: number;
  errors: LineProblem[];
  warnings: LineProblem[];
}

/**
 * What importing a file would do, stored nowhere: how its columns are read (under a mapping),
 * its first lines, and every error and warning of the whole file. The file is read once, as it
 * streams, as an import reads it; when the header is refused (which is when a mapping is
 * needed), the first lines are still read and shown.
 */
export async function previewListFile(
  file: ListFileInput,
  options: { acceptInvalid: boolean; columns?: ColumnMapping },
): Promise<ListFilePreview> {
  const rows = readListRows(file);
  const sample: RawRow[] = [];
  let header: RawRow | undefined;
  const keep = (row: RawRow) => {
    if (!header) header = row;
    else if (sample.length < SAMPLE_ROWS) sample.push(row);
  };
  try {
    // No `return` on this view of the rows: the validation stopping early leaves them open.
    const rowsRead: AsyncIterable<RawRow> = {
      [Symbol.asyncIterator]: () => ({ next: () => rows.next() }),
    };
    const outcome = await validateRows(rowsRead, options.acceptInvalid, async () => {}, {
      ...(options.columns ? { columns: options.columns } : {}),
      onRow: keep,
    });
    while (sample.length < SAMPLE_ROWS) {
      const next = await rows.next();
      if (next.done) break;
      keep(next.value);
    }
    const slots = header ? analyseHeader(header.cells, options.columns).slots : [];
    return {
      columns: slots.map((slot) => ({
        label: slot.label,
        column: slot.kind === 'column' ? slot.column : null,
      })),
      sample,
      ...outcome,
    };
  } finally {
    await rows.return(undefined);
  }
}
