import type { ListFileLimits } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { cellTooLong, columnName, limitExceeded } from './list-file-limits.ts';
import type { RawRow } from './raw-row.ts';
import { openXlsxPackage, unreadable } from './xlsx-package.ts';
import {
  rawRunLimit,
  readDateStyles,
  readSharedStrings,
  readWorkbook,
  TOO_LONG,
  type SharedString,
} from './xlsx-parts.ts';
import { parseXmlPart, XmlPartError } from './xlsx-xml.ts';

/** What reading the sheet's cells needs from the rest of the workbook. */
interface SheetContext {
  file: string;
  limits: ListFileLimits;
  strings: readonly SharedString[];
  dateStyles: ReadonlySet<number>;
  isDate1904: boolean;
}

/** The cell being read: where it is, its type and style, its value's text, and whether that grew too long. */
interface Cell {
  index: number;
  type: string;
  style: number;
  text: string;
  isTooLong: boolean;
}

/**
 * Streams the rows of an XLSX file's first sheet; the first row is the header. The compressed
 * file is in memory (at most the upload limit); its parts are unpacked as they are read, so
 * memory stays bounded by the limits, whatever the file unpacks to.
 */
export async function* readXlsxRows(
  bytes: Buffer,
  file: string,
  limits: ListFileLimits,
): AsyncGenerator<RawRow> {
  const pkg = await openXlsxPackage(bytes, file, limits);
  try {
    const book = await readWorkbook(pkg);
    const context: SheetContext = {
      file,
      limits,
      strings: book.sharedStrings ? await readSharedStrings(pkg, book.sharedStrings, limits) : [],
      dateStyles: book.styles ? await readDateStyles(pkg, book.styles) : new Set(),
      isDate1904: book.isDate1904,
    };
    yield* readSheet(pkg.open(book.sheet), book.sheet, context);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable(file, error as Error);
  } finally {
    pkg.close();
  }
}

async function* readSheet(
  bytes: AsyncIterable<Uint8Array>,
  part: string,
  context: SheetContext,
): AsyncGenerator<RawRow> {
  const ready: RawRow[] = [];
  let header: string[] | null = null;
  let line = 0;
  let cells: string[] = [];
  let cell: Cell | null = null;
  let valueTag: 'v' | 't' | null = null;
  let phoneticDepth = 0;
  const { limits } = context;
  const refuseTooLong = (at: Cell) =>
    cellTooLong(context.file, { line, index: at.index, header }, limits);

  const handlers = {
    open(name: string, attributes: Readonly<Record<string, string>>) {
      if (name === 'row') {
        line = attributes.r ? Number(attributes.r) : line + 1;
        cells = [];
      } else if (name === 'c') {
        const index = attributes.r ? columnIndex(attributes.r) : cells.length;
        if (index >= limits.maxColumns) {
          throw limitExceeded(
            context.file,
            {
              line,
              column: columnName(header, index),
              message: `the line has more than ${limits.maxColumns.toLocaleString('en')} columns, the limit`,
            },
            'maxColumns',
          );
        }
        cell = {
          index,
          type: attributes.t ?? 'n',
          style: Number(attributes.s ?? 0),
          text: '',
          isTooLong: false,
        };
      } else if (name === 'rPh') phoneticDepth++;
      else if (cell && (name === 'v' || (name === 't' && phoneticDepth === 0))) valueTag = name;
    },
    close(name: string) {
      if (name === 'v' || name === 't') valueTag = null;
      else if (name === 'rPh') phoneticDepth--;
      else if (name === 'c' && cell) {
        const value = cell.isTooLong ? TOO_LONG : cellValue(cell, line, context);
        if (value === TOO_LONG) throw refuseTooLong(cell);
        while (cells.length < cell.index) cells.push('');
        cells[cell.index] = value;
        cell = null;
      } else if (name === 'row') {
        // A formatted cell with nothing in it ends many a row; it is no column of the line.
        while (cells.at(-1) === '') cells.pop();
        ready.push({ line, cells });
        header ??= cells;
      }
    },
    text(piece: string) {
      if (!cell || valueTag === null || cell.isTooLong) return;
      cell.text += piece;
      if (cell.text.length > limits.maxCellChars) {
        cell.isTooLong = true;
        cell.text = '';
      }
    },
    overlong() {
      if (cell && valueTag !== null) cell.isTooLong = true;
      else if (cell) throw refuseTooLong(cell);
      else
        throw new XmlPartError(
          `${part} has a run of text of more than ${rawRunLimit(limits)} characters outside any cell`,
        );
    },
  };
  for await (const _ of parseXmlPart(bytes, part, rawRunLimit(limits), handlers)) {
    yield* ready.splice(0);
  }
  yield* ready.splice(0);
}

/** `B12` → 1: the 0-based column of a cell reference. */
function columnIndex(reference: string): number {
  let index = 0;
  for (const char of reference) {
    const code = char.charCodeAt(0);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

/** The text a person sees in a cell: shared and inline strings, numbers, booleans, errors, and dates as ISO dates. */
function cellValue(cell: Cell, line: number, context: SheetContext): SharedString {
  const text = cell.text;
  switch (cell.type) {
    case 's': {
      const shared = context.strings[Number(text)];
      if (shared === undefined) {
        throw new XmlPartError(
          `line ${line} names shared string ${text}, which the file does not have`,
        );
      }
      return shared;
    }
    case 'inlineStr':
    case 'str':
    case 'e':
      return text;
    case 'b':
      return text === '' ? '' : String(Number(text) !== 0);
    case 'd': {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? text : date.toISOString().slice(0, 10);
    }
    default: {
      if (text === '') return '';
      const number = Number(text);
      if (!Number.isFinite(number)) return text;
      if (!context.dateStyles.has(cell.style)) return String(number);
      const days = number - 25569 + (context.isDate1904 ? 1462 : 0);
      const date = new Date(Math.round(days * 86_400_000));
      return Number.isNaN(date.getTime()) ? String(number) : date.toISOString().slice(0, 10);
    }
  }
}
