import { stringify } from 'csv-stringify/sync';
import {
  listName,
  outcomeTable,
  type FileLanguage,
  type OutcomeList,
  type OutcomeListLine,
} from './domain/outcome-lists.ts';
import { outcomeListPdf, type ReleaseHeading } from './outcome-list-pdf.ts';

/**
 * Outcome lists as a file in a language: a CSV (UTF-8 with a BOM, for spreadsheets) of every
 * line, an XLSX workbook with a sheet for each released list, or a PDF with a section for each.
 */
export async function outcomeListFile(
  lines: readonly OutcomeListLine[],
  release: ReleaseHeading & { lists: readonly OutcomeList[] },
  format: 'csv' | 'xlsx' | 'pdf',
  language: FileLanguage,
): Promise<Buffer> {
  const { lists } = release;
  if (format === 'pdf') return outcomeListPdf(lines, lists, language, release);
  if (format === 'csv')
    return Buffer.from(`\uFEFF${stringify(outcomeTable(lines, language))}`, 'utf8');
  // Loaded for an XLSX file only: exceljs is a third of a second of every command's start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  for (const list of lists) {
    const sheet = workbook.addWorksheet(listName(list, language));
    sheet.addRows(
      outcomeTable(
        lines.filter((l) => l.list === list),
        language,
      ),
    );
    sheet.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
