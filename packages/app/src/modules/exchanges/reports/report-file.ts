import { stringify } from 'csv-stringify/sync';
import { REPORT_COLUMNS, type ReportRow } from '../domain/report.ts';

/** A report as a CSV (UTF-8 with a BOM, for spreadsheets) or XLSX file. */
export async function reportFile(
  rows: readonly ReportRow[],
  format: 'csv' | 'xlsx',
): Promise<Buffer> {
  const table = [[...REPORT_COLUMNS], ...rows.map((row) => REPORT_COLUMNS.map((c) => row[c]))];
  if (format === 'csv') return Buffer.from(`\uFEFF${stringify(table)}`, 'utf8');
  // Loaded for an XLSX file only: exceljs is a third of a second of every command's start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('report');
  sheet.addRows(table);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
