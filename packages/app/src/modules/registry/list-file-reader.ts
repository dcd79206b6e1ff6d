import { pipeline, Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse as parseCsv } from 'csv-parse';
import { parse as parseCsvText } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { LIST_FILE_LIMIT_DEFAULTS, type ListFileLimits } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { columnName, limitExceeded, withinLimits } from './list-file-limits.ts';
import type { RawRow } from './raw-row.ts';
import { readXlsxRows } from './xlsx-reader.ts';

export type ListEncoding = 'utf-8' | 'cp1251';

export interface ListFileInput {
  /** The file's name, for messages and to tell XLSX from CSV when the content is ambiguous. */
  name: string;
  content: AsyncIterable<Uint8Array>;
  encoding: ListEncoding;
  maxBytes: number;
  /** What the file may hold beyond its size; the defaults of platform/config.ts when absent. */
  limits?: ListFileLimits;
}

export type { RawRow } from './raw-row.ts';

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * Streams the rows of a CSV or XLSX list file; the first row is the header. Throws AppError on
 * unreadable files, and on files over the limits (naming the line and column).
 */
export function readListRows(input: ListFileInput): AsyncGenerator<RawRow> {
  const limits = input.limits ?? LIST_FILE_LIMIT_DEFAULTS;
  return withinLimits(readRows(input, limits), input.name, limits);
}

async function* readRows(input: ListFileInput, limits: ListFileLimits): AsyncGenerator<RawRow> {
  const chunks = limitSize(input.content, input.maxBytes, input.name);
  const first = await chunks.next();
  if (first.done) throw new AppError('REGISTRY.UNSUPPORTED_FILE', `${input.name} is empty`);
  const head = first.value;
  const all = prepend(head, chunks);
  if (startsWith(head, XLSX_MAGIC)) {
    // A zip is read from its end (the central directory): the compressed file is held, at most
    // the upload limit, and only its parts are streamed.
    const parts: Uint8Array[] = [];
    for await (const chunk of all) parts.push(chunk);
    yield* readXlsxRows(Buffer.concat(parts), input.name, limits);
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
    yield* readCsvRows(decode(all, input), input.name, limits);
  }
}

async function* readCsvRows(
  text: AsyncIterable<string>,
  name: string,
  limits: ListFileLimits,
): AsyncGenerator<RawRow> {
  const pieces = text[Symbol.asyncIterator]();
  const maxRecord = limits.maxCellChars * limits.maxColumns;
  let head = '';
  for (let next = await pieces.next(); ; next = await pieces.next()) {
    if (next.done) break;
    head += next.value;
    // Far enough to see the header's delimiter; no further, however long a line without an end is.
    if (head.includes('\n') || head.length > maxRecord) break;
  }
  const source = Readable.from(prepend(head, pieces));
  const parser = parseCsv({
    relax_column_count: true,
    info: true,
    skip_empty_lines: true,
    delimiter: delimiterOf(head),
    // The parser holds one line at a time: at most what its columns may hold, however long the line.
    max_record_size: maxRecord,
  });
  // pipeline, unlike pipe, hands a failure of the source (size, encoding) on to the parser's reader.
  pipeline(source, parser, () => {});
  // The header's labels name the column of a line that is too long, even when the parser stops before handing the header on.
  const header = headerOf(head, delimiterOf(head));
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      yield { line: info.lines, cells: record };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const failure = error as { code?: string; lines?: number; column?: number };
    if (failure.code === 'CSV_MAX_RECORD_SIZE') {
      const most = maxRecord.toLocaleString('en');
      throw limitExceeded(
        name,
        {
          line: failure.lines ?? 0,
          column: columnName(header, failure.column ?? 0),
          message: `the line is too long: more than ${most} characters, what ${limits.maxColumns.toLocaleString('en')} columns of ${limits.maxCellChars.toLocaleString('en')} characters would hold`,
        },
        'maxCellChars',
      );
    }
    const lines = (error as { lines?: number }).lines;
    throw new AppError(
      'REGISTRY.UNSUPPORTED_FILE',
      `${name}${lines ? `, line ${lines}` : ''}: not readable as CSV: ${(error as Error).message}`,
    );
  } finally {
    source.destroy();
  }
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

/** The labels of a CSV's first line, when it is whole and readable; null otherwise. */
function headerOf(head: string, delimiter: string): string[] | null {
  const end = head.indexOf('\n');
  if (end < 0) return null;
  try {
    const rows: string[][] = parseCsvText(head.slice(0, end), { delimiter, relax_quotes: true });
    return rows[0] ?? null;
  } catch {
    return null;
  }
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
