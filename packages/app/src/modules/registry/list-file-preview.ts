import type { LineProblem } from './domain/line-problem.ts';
import type { ListColumn } from './domain/list-columns.ts';
import { analyseHeader, type ColumnMapping } from './domain/list-header.ts';
import { readListRows, type ListFileInput, type RawRow } from './list-file-reader.ts';
import { validateFile } from './list-file-validation.ts';

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

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** The file's bytes, read no further than one byte past the limit (which the reader refuses). */
async function collect(file: ListFileInput): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of file.content) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > file.maxBytes) break;
  }
  return Buffer.concat(chunks);
}

/**
 * What importing a file would do, stored nowhere: how its columns are read (under a mapping),
 * its first lines, and every error and warning of the whole file. The file is held in memory
 * once, so that the first lines can be shown even when the header is refused (which is when a
 * mapping is needed).
 */
export async function previewListFile(
  file: ListFileInput,
  options: { acceptInvalid: boolean; columns?: ColumnMapping },
): Promise<ListFilePreview> {
  const bytes = await collect(file);
  const sample: RawRow[] = [];
  let header: RawRow | undefined;
  for await (const row of readListRows({ ...file, content: once(bytes) })) {
    if (!header) header = row;
    else sample.push(row);
    if (sample.length >= SAMPLE_ROWS) break;
  }
  const outcome = await validateFile(
    { ...file, content: once(bytes) },
    options.acceptInvalid,
    async () => {},
    options.columns ? { columns: options.columns } : {},
  );
  const slots = header ? analyseHeader(header.cells, options.columns).slots : [];
  return {
    columns: slots.map((slot) => ({
      label: slot.label,
      column: slot.kind === 'column' ? slot.column : null,
    })),
    sample,
    ...outcome,
  };
}
