import { PassThrough, pipeline, Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse as parseCsv } from 'csv-parse';
import iconv from 'iconv-lite';
import { AppError } from '../../platform/errors.ts';

export type ListEncoding = 'utf-8' | 'cp1251';

export interface ListFileInput {
  /** The file's name, for messages and to tell XLSX from CSV when the content is ambiguous. */
  name: string;
  content: AsyncIterable<Uint8Array>;
  encoding: ListEncoding;
  maxBytes: number;
}

/** One row of the file: its line number (1 is the header) and its cells as text. */
export interface RawRow {
  line: number;
  cells: string[];
}

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** Streams the rows of a CSV or XLSX list file; the first row is the header. Throws AppError on unreadable files. */
export async function* readListRows(input: ListFileInput): AsyncGenerator<RawRow> {
  const chunks = limitSize(input.content, input.maxBytes, input.name);
  const first = await chunks.next();
  if (first.done) throw new AppError('REGISTRY.UNSUPPORTED_FILE', `${input.name} is empty`);
  const head = first.value;
  const all = prepend(head, chunks);
  if (startsWith(head, XLSX_MAGIC)) {
    const stream = new PassThrough();
    pipeline(Readable.from(all), stream, () => {});
    yield* readXlsxRows(stream, input.name);
  } else if (startsWith(head, OLE_MAGIC)) {
    throw new AppError(
      'REGISTRY.UNSUPPORTED_FILE',
      `${input.name} is an Excel 97-2003 (.xls) file; save it as .xlsx or CSV`,
    );
  } else if (/\.xlsx$/i.test(input.name)) {
    throw new AppError(
      'REGISTRY.UNSUPPORTED_FILE',
      `${input.name} is named .xlsx but is not an XLSX file`,
    );
  } else {
    yield* readCsvRows(decode(all, input), input.name);
  }
}

async function* readCsvRows(text: AsyncIterable<string>, name: string): AsyncGenerator<RawRow> {
  const pieces = text[Symbol.asyncIterator]();
  let head = '';
  for (let next = await pieces.next(); ; next = await pieces.next()) {
    if (next.done) break;
    head += next.value;
    if (head.includes('\n')) break;
  }
  const source = Readable.from(prepend(head, pieces));
  const parser = parseCsv({
    relax_column_count: true,
    info: true,
    skip_empty_lines: true,
    delimiter: delimiterOf(head),
  });
  // pipeline, unlike pipe, hands a failure of the source (size, encoding) on to the parser's reader.
  pipeline(source, parser, () => {});
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      yield { line: info.lines, cells: record };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const lines = (error as { lines?: number }).lines;
    throw new AppError(
      'REGISTRY.UNSUPPORTED_FILE',
      `${name}${lines ? `, line ${lines}` : ''}: not readable as CSV: ${(error as Error).message}`,
    );
  } finally {
    source.destroy();
  }
}

async function* readXlsxRows(stream: Readable, name: string): AsyncGenerator<RawRow> {
  // Loaded only for XLSX files: it takes about a second, which every CSV reader (and every
  // linkage worker) would otherwise pay.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let index = 1; index < values.length; index++) cells.push(cellText(values[index]));
        yield { line: row.number, cells };
      }
      return; // the list is the first sheet
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'REGISTRY.UNSUPPORTED_FILE',
      `${name} is not a readable XLSX file: ${(error as Error).message}`,
    );
  } finally {
    stream.destroy();
  }
}

/** The text a person sees in a cell; dates become ISO dates, formulas their result. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const cell = value as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      error?: string;
    };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (cell.text !== undefined) return cellText(cell.text);
    if (cell.error) return cell.error;
  }
  return JSON.stringify(value);
}

async function* decode(
  chunks: AsyncIterable<Uint8Array>,
  input: ListFileInput,
): AsyncGenerator<string> {
  let offset = 0;
  let isFirst = true;
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  // Also read the bytes as UTF-8 when told cp1251: a valid UTF-8 file with Cyrillic is not cp1251.
  let isStillUtf8 = true;
  let hasNonAscii = false;
  const cp1251 = input.encoding === 'cp1251' ? iconv.getDecoder('win1251') : null;
  for await (const chunk of chunks) {
    if (isFirst) {
      isFirst = false;
      if (startsWith(chunk, [0xff, 0xfe]) || startsWith(chunk, [0xfe, 0xff])) {
        throw encodingError(
          input.name,
          'is UTF-16; save it as UTF-8 (CSV UTF-8) and import it again',
        );
      }
    }
    if (chunk.includes(0))
      throw new AppError('REGISTRY.UNSUPPORTED_FILE', `${input.name} is not a CSV or XLSX file`);
    hasNonAscii ||= chunk.some((byte) => byte > 0x7f);
    if (cp1251) {
      if (isStillUtf8) isStillUtf8 = tryUtf8(utf8, chunk);
      const text = cp1251.write(Buffer.from(chunk));
      const bad = text.indexOf('\ufffd');
      if (bad >= 0)
        throw encodingError(
          input.name,
          `has a byte at offset ${offset + bad} that is not Windows-1251`,
        );
      yield text;
    } else {
      try {
        yield utf8.decode(chunk, { stream: true });
      } catch {
        throw encodingError(
          input.name,
          `is not valid UTF-8 (near byte ${offset}); if it was saved as Windows-1251, import it with --encoding cp1251`,
        );
      }
    }
    offset += chunk.length;
  }
  if (cp1251 && isStillUtf8 && hasNonAscii && tryUtf8(utf8, new Uint8Array(0), true)) {
    throw encodingError(
      input.name,
      'is UTF-8, not Windows-1251: import it without --encoding cp1251',
    );
  }
}

function tryUtf8(decoder: TextDecoder, chunk: Uint8Array, isEnd = false): boolean {
  try {
    decoder.decode(chunk, { stream: !isEnd });
    return true;
  } catch {
    return false;
  }
}

function encodingError(name: string, what: string): AppError {
  return new AppError('REGISTRY.ENCODING', `${name} ${what}`);
}

/** The format is comma separated; a header with semicolons and no comma is read as such, as uk/ru spreadsheets save it. */
function delimiterOf(head: string): string {
  const header = head.split('\n', 1)[0] ?? '';
  return !header.includes(',') && header.includes(';') ? ';' : ',';
}

async function* limitSize(
  content: AsyncIterable<Uint8Array>,
  maxBytes: number,
  name: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  let total = 0;
  for await (const chunk of content) {
    total += chunk.length;
    if (total > maxBytes) {
      throw new AppError(
        'REGISTRY.FILE_TOO_LARGE',
        `${name} is larger than the limit of ${formatBytes(maxBytes)}`,
      );
    }
    yield chunk;
  }
}

async function* prepend<T>(head: T, rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : `${bytes} bytes`;
}
