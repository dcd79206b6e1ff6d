import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { ListFileLimits } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';

/** More parts than any spreadsheet has: a zip of a million entries is refused before it is listed. */
const MAX_ENTRIES = 10_000;

/** An XLSX file's zip, read by part names from its central directory. */
export interface XlsxPackage {
  has(part: string): boolean;
  /**
   * The unpacked bytes of a part, streamed; refused before it is opened when the parts read so far
   * and this one would unpack to more than the limit (a zip bomb is a few kilobytes that claim, or
   * unpack to, gigabytes: the declared size is checked first, and the stream may not exceed it).
   */
  open(part: string): AsyncIterable<Uint8Array>;
  close(): void;
}

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString('en')} MiB`;

/** Opens an XLSX file held in memory (its compressed bytes, at most the upload limit). */
export async function openXlsxPackage(
  bytes: Buffer,
  file: string,
  limits: ListFileLimits,
): Promise<XlsxPackage> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, opened) =>
      error ? reject(unreadable(file, error)) : resolve(opened),
    ),
  );
  if (zip.entryCount > MAX_ENTRIES) {
    zip.close();
    throw unreadable(file, new Error(`it has ${zip.entryCount} parts, a spreadsheet a few dozen`));
  }
  const entries = await listEntries(zip, file);
  let unpacked = 0;
  const tooLarge = () =>
    new AppError(
      'REGISTRY.FILE_TOO_LARGE',
      `${file} unpacks to more than ${mib(limits.maxUnpackedBytes)}, the limit for a list file (the limit is set by PARLEY_MAX_UNPACKED_BYTES)`,
    );
  return {
    has: (part) => entries.has(part),
    open: (part) => {
      const entry = entries.get(part);
      if (!entry) throw unreadable(file, new Error(`it has no part ${part}`));
      if (unpacked + entry.uncompressedSize > limits.maxUnpackedBytes) throw tooLarge();
      unpacked += entry.uncompressedSize;
      return streamOf(zip, entry, file);
    },
    close: () => zip.close(),
  };
}

function listEntries(zip: yauzl.ZipFile, file: string): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error: Error) => reject(unreadable(file, error)));
    zip.readEntry();
  });
}

async function* streamOf(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  file: string,
): AsyncGenerator<Uint8Array> {
  const stream = await new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (error, opened) =>
      error ? reject(unreadable(file, error)) : resolve(opened),
    ),
  );
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (error) {
    throw unreadable(file, error as Error);
  } finally {
    stream.destroy();
  }
}

/** The answer to a file that is not an XLSX Parley can read, and why. */
export function unreadable(file: string, error: Error): AppError {
  return new AppError(
    'REGISTRY.UNSUPPORTED_FILE',
    `${file} is not a readable XLSX file: ${error.message}`,
  );
}
