import { z } from 'zod';
import { mechanismParams } from '@parley/kernel/http';
import { HEALTH_STATUSES, LEGAL_STATUSES, SEXES } from '@parley/kernel/person-record';
import type { LineDiff } from './domain/line-cells.ts';
import { AppError } from '../../platform/errors.ts';
import { LIST_COLUMNS, type ListColumn, type PersonLine } from './domain/list-columns.ts';
import type { ColumnMapping } from './domain/list-header.ts';
import type { LineProblem } from './domain/line-problem.ts';
import type { ListVersion } from './domain/list-version.ts';

const SORTABLE = [
  'line_number',
  'record_id',
  'surname',
  'given_name',
  'date_of_birth',
  'service_number',
  'capture_date',
] as const;

export const listParams = mechanismParams.extend({
  party: z.string().regex(/^[A-Za-z]{2,8}$/, 'a party code such as UA'),
  kind: z.enum(['held', 'sought']),
});

export const versionParams = listParams.extend({
  version: z
    .union([z.literal('latest'), z.coerce.number().int().positive()])
    .describe('a version number, or latest'),
});

export const importQuery = z.object({
  encoding: z.enum(['utf-8', 'cp1251']).default('utf-8'),
  acceptInvalid: z.stringbool().default(false),
});

export const linesQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  after: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe(
      "Keyset paging in line order: the lines after this line number (before it, descending); give the last answer's nextAfter. Only with sort=line_number.",
    ),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  search: z.string().max(200).optional(),
  flagged: z.stringbool().optional(),
  sort: z.enum(SORTABLE).default('line_number'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  versionWarnings: z
    .stringbool()
    .default(true)
    .describe(
      "false leaves out the version's import warnings (up to 1,000), the same on every page: GET versions has them",
    ),
});

export const diffQuery = z.object({ from: z.coerce.number().int().positive().optional() });
export const exportQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const versionResponse = z.object({
  id: z.string(),
  number: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  sourceName: z.string(),
  sourceSha256: z.string(),
  lineCount: z.number(),
  flaggedLineCount: z.number(),
  warnings: z.array(z.string()),
});

const nullableText = z.string().nullable();
export const lineResponse = z.object({
  lineNumber: z.number(),
  recordId: z.string(),
  surname: nullableText,
  givenName: nullableText,
  patronymic: nullableText,
  surnameLatin: nullableText,
  givenNameLatin: nullableText,
  sex: z.enum(SEXES).nullable(),
  dateOfBirth: nullableText.describe('YYYY, YYYY-MM or YYYY-MM-DD: partial dates stay partial'),
  placeOfBirth: nullableText,
  nationality: nullableText,
  legalStatus: z.enum(LEGAL_STATUSES).nullable(),
  rank: nullableText,
  serviceNumber: nullableText,
  unit: nullableText,
  captureDate: nullableText,
  capturePlace: nullableText,
  detentionPlace: nullableText,
  healthStatus: z.enum(HEALTH_STATUSES).nullable(),
  notes: nullableText,
  extra: z.record(z.string(), z.string()),
  invalid: z
    .record(z.string(), z.string())
    .describe('raw text of values imported with acceptInvalid'),
});

const problemResponse = z.object({
  line: z.number(),
  column: z.string().nullable(),
  message: z.string(),
  value: z.string().optional(),
  severity: z.enum(['error', 'warning']),
});

/**
 * The multipart field "columns", sent before the file: a JSON object from a file column's name,
 * as written in its header, to the list column it holds. Returns the mapping, or throws an error
 * naming the field, the file column and the value.
 */
export function parseColumnMapping(text: string | undefined): ColumnMapping | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const refuse = (what: string) => new AppError('VALIDATION.INVALID_INPUT', `columns: ${what}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse(`not JSON (${text.slice(0, 80)}); send an object from file column to list column`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw refuse('send an object from file column to list column, e.g. {"Прізвище": "surname"}');
  const mapping: Record<string, ListColumn> = {};
  for (const [label, column] of Object.entries(json)) {
    if (label.trim() === '' || label.length > 200)
      throw refuse(`a file column's name must be 1 to 200 characters ("${label.slice(0, 40)}")`);
    if (typeof column !== 'string' || !(LIST_COLUMNS as readonly string[]).includes(column))
      throw refuse(
        `"${label}" is mapped to ${JSON.stringify(column)}, which is not a list column (the columns are ${LIST_COLUMNS.join(', ')})`,
      );
    mapping[label.trim()] = column as ListColumn;
  }
  return mapping;
}

export const previewResponse = z.object({
  columns: z.array(z.object({ label: z.string(), column: z.string().nullable() })),
  sample: z.array(z.object({ line: z.number(), cells: z.array(z.string()) })),
  lineCount: z.number(),
  flaggedLineCount: z.number(),
  errors: z.array(problemResponse),
  warnings: z.array(problemResponse),
});

export const importResponse = z.object({
  version: versionResponse,
  warnings: z.array(problemResponse),
});

export const linesResponse = z.object({
  version: versionResponse,
  total: z.number(),
  offset: z.number(),
  /** The line number to give as `after` for the next page in line order; null after the last. */
  nextAfter: z.number().nullable(),
  items: z.array(lineResponse),
});

export const changeResponse = z.object({
  column: z.string(),
  before: z.string(),
  after: z.string(),
});
export const diffResponse = z.object({
  from: versionResponse.nullable(),
  to: versionResponse,
  added: z.array(lineResponse),
  removed: z.array(lineResponse),
  changed: z.array(z.object({ recordId: z.string(), changes: z.array(changeResponse) })),
  unchangedCount: z.number(),
});

/** Field by field, in the schema's order: the lines route writes its answer without zod's pass. */
export function presentVersion(version: ListVersion): z.infer<typeof versionResponse> {
  return {
    id: version.id,
    number: version.number,
    createdAt: version.createdAt.toISOString(),
    createdBy: version.createdBy,
    sourceName: version.sourceName,
    sourceSha256: version.sourceSha256,
    lineCount: version.lineCount,
    flaggedLineCount: version.flaggedLineCount,
    warnings: version.warnings,
  };
}

export function presentProblems(
  problems: readonly LineProblem[],
): z.infer<typeof problemResponse>[] {
  return problems.map((problem) => ({ ...problem }));
}

/** Field by field, in the schema's order: the lines route writes its answer without zod's pass. */
export function presentLine(line: PersonLine): z.infer<typeof lineResponse> {
  return {
    lineNumber: line.lineNumber,
    recordId: line.recordId,
    surname: line.surname,
    givenName: line.givenName,
    patronymic: line.patronymic,
    surnameLatin: line.surnameLatin,
    givenNameLatin: line.givenNameLatin,
    sex: line.sex,
    dateOfBirth: line.dateOfBirth,
    placeOfBirth: line.placeOfBirth,
    nationality: line.nationality,
    legalStatus: line.legalStatus,
    rank: line.rank,
    serviceNumber: line.serviceNumber,
    unit: line.unit,
    captureDate: line.captureDate,
    capturePlace: line.capturePlace,
    detentionPlace: line.detentionPlace,
    healthStatus: line.healthStatus,
    notes: line.notes,
    extra: line.extra,
    invalid: line.invalid,
  };
}

export function presentDiff(
  from: ListVersion | null,
  to: ListVersion,
  diff: LineDiff,
): z.infer<typeof diffResponse> {
  return {
    from: from ? presentVersion(from) : null,
    to: presentVersion(to),
    added: diff.added.map(presentLine),
    removed: diff.removed.map(presentLine),
    changed: diff.changed.map(({ recordId, changes }) => ({ recordId, changes })),
    unchangedCount: diff.unchangedCount,
  };
}
