import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { dedupeList, linkLists, personListSettings, type LinkResult } from '@parley/engine';
import { AppError } from '../../platform/errors.ts';
import { readPersonLines, type ListEncoding } from '../registry/index.ts';
import { explanationOf, LINK_RESULT_COLUMNS, linkResultRow } from './domain/link-output.ts';
import { toLinkRecord } from './domain/person-record.ts';

export interface LinkFilesRequest {
  left: string;
  /** Absent for finding duplicates within `left`. */
  right?: string;
  out: string;
  explain?: string;
  match: number;
  review: number;
  seed: number;
  encoding: ListEncoding;
  maxBytes: number;
}

export interface LinkFilesResult {
  left: number;
  right: number;
  matches: number;
  possible: number;
  candidatePairs: number;
  seconds: number;
}

/**
 * Links two list files (or finds duplicates in one) and writes the spec's result CSV, and on
 * request an explanation per pair as JSON lines. Files are read as imports read them; lines with
 * invalid values take part with those values missing.
 */
export async function linkFiles(request: LinkFilesRequest): Promise<LinkFilesResult> {
  if (!(request.review > 0 && request.review <= request.match && request.match < 1)) {
    throw new AppError(
      'VALIDATION.INVALID_INPUT',
      `the thresholds need 0 < --review (${request.review}) <= --match (${request.match}) < 1`,
    );
  }
  const started = performance.now();
  const left = await readRecords(request.left, request);
  const right = request.right ? await readRecords(request.right, request) : null;
  const settings = personListSettings({
    match: request.match,
    possible: request.review,
    duplicate: request.match,
  });
  const result: LinkResult = right
    ? linkLists(left, right, settings, { seed: request.seed })
    : dedupeList(left, settings, { seed: request.seed });
  await writeAtomically(
    request.out,
    stringify([LINK_RESULT_COLUMNS, ...result.pairs.map(linkResultRow)]),
  );
  if (request.explain) {
    await writeAtomically(
      request.explain,
      result.pairs.map((pair) => `${JSON.stringify(explanationOf(pair))}\n`).join(''),
    );
  }
  return {
    left: left.length,
    right: right?.length ?? 0,
    matches: result.pairs.filter((p) => p.decision === 'match').length,
    possible: result.pairs.filter((p) => p.decision === 'possible').length,
    candidatePairs: result.blocking.candidatePairs,
    seconds: (performance.now() - started) / 1000,
  };
}

async function readRecords(file: string, request: LinkFilesRequest) {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile())
    throw new AppError('REGISTRY.UNSUPPORTED_FILE', `cannot read ${file}: no such file`);
  const outcome = await readPersonLines(
    {
      name: path.basename(file),
      content: createReadStream(file),
      encoding: request.encoding,
      maxBytes: request.maxBytes,
    },
    true,
  );
  if (outcome.errors.length > 0) {
    throw new AppError(
      'REGISTRY.IMPORT_REJECTED',
      `${path.basename(file)} cannot be linked: ${outcome.errors.length} errors`,
      { errors: outcome.errors, warnings: outcome.warnings },
    );
  }
  return outcome.lines.map(toLinkRecord);
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const partial = `${file}.partial`;
  await fs.writeFile(partial, text);
  await fs.rename(partial, file);
}
