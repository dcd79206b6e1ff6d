import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { LinkRecord } from '@parley/engine';
import { AppError } from '../../platform/errors.ts';
import type { ListFileLimits } from '../../platform/config.ts';
import { formatProblem, readPersonLines, type ListEncoding } from '../registry/index.ts';
import { toLinkRecord } from './domain/person-record.ts';

/** How a list file is read for linking. */
export interface ListReadOptions {
  readonly encoding: ListEncoding;
  readonly maxBytes: number;
  /** The bounds on cells, columns, lines and unpacked size; the defaults when absent. */
  readonly limits?: ListFileLimits;
}

/** A list file's records, and what was left out of them. */
export interface ListRecords {
  readonly records: LinkRecord[];
  /** Each line left out (it has no name), as `line N: why`. */
  readonly leftOut: string[];
}

/**
 * Reads a list file as an import reads it, as the engine's records; lines with invalid values
 * take part with those values missing, and lines without a name are left out, each named (the
 * spec's lenient reading for linking). A file with errors is refused whole, every error listed.
 */
export async function readListRecords(
  file: string,
  options: ListReadOptions,
): Promise<ListRecords> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile())
    throw new AppError('REGISTRY.UNSUPPORTED_FILE', `cannot read ${file}: no such file`);
  const outcome = await readPersonLines(
    {
      name: path.basename(file),
      content: createReadStream(file),
      encoding: options.encoding,
      maxBytes: options.maxBytes,
      ...(options.limits ? { limits: options.limits } : {}),
    },
    true,
    { leaveOutNameless: true },
  );
  if (outcome.errors.length > 0) {
    throw new AppError(
      'REGISTRY.IMPORT_REJECTED',
      `${path.basename(file)} cannot be linked: ${outcome.errors.length} errors`,
      { errors: outcome.errors, warnings: outcome.warnings },
    );
  }
  return {
    records: outcome.lines.map(toLinkRecord),
    leftOut: outcome.warnings.filter((warning) => warning.leftOut === true).map(formatProblem),
  };
}
