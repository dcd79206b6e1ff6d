import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { LIST_COLUMNS, type PersonLine } from './domain/list-columns.ts';
import { lineToCells } from './domain/line-cells.ts';

export type ListFileFormat = 'csv' | 'xlsx';

/** Writes lines as a list file in the list format: UTF-8 CSV with a BOM (so spreadsheets read Cyrillic), or XLSX. */
export async function writeListFile(
  lines: AsyncIterable<PersonLine>,
  extraColumns: readonly string[],
  format: ListFileFormat,
  out: Writable,
): Promise<void> {
  const header = [...LIST_COLUMNS, ...extraColumns];
  if (format === 'csv') {
    const csv = stringify({ bom: true });
    const done = new Promise<void>((resolve, reject) => {
      csv.on('error', reject);
      out.on('error', reject);
      out.on('finish', resolve);
    });
    csv.pipe(out);
    await writeWithBackpressure(csv, header);
    for await (const line of lines)
      await writeWithBackpressure(csv, lineToCells(line, extraColumns));
    csv.end();
    return done;
  }
  // Loaded for an XLSX file only: exceljs is a third of a second of every command's start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = workbook.addWorksheet('list');
  sheet.addRow(header).commit();
  for await (const line of lines) sheet.addRow(lineToCells(line, extraColumns)).commit();
  sheet.commit();
  await workbook.commit();
}

function writeWithBackpressure(stream: Writable, row: string[]): Promise<void> {
  return stream.write(row)
    ? Promise.resolve()
    : new Promise((resolve) => stream.once('drain', () => resolve()));
}
