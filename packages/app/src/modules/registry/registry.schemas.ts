import { z } from 'zod';
import { mechanismParams } from '../mechanisms/mechanisms.schemas.ts';
import type { LineDiff } from './domain/line-cells.ts';
import type { PersonLine } from './domain/list-columns.ts';
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
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  search: z.string().max(200).optional(),
  flagged: z.stringbool().optional(),
  sort: z.enum(SORTABLE).default('line_number'),
  direction: z.enum(['asc', 'desc']).default('asc'),
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
  sex: nullableText,
  dateOfBirth: nullableText.describe('YYYY, YYYY-MM or YYYY-MM-DD: partial dates stay partial'),
  placeOfBirth: nullableText,
  nationality: nullableText,
  legalStatus: nullableText,
  rank: nullableText,
  serviceNumber: nullableText,
  unit: nullableText,
  captureDate: nullableText,
  capturePlace: nullableText,
  detentionPlace: nullableText,
  healthStatus: nullableText,
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

export const importResponse = z.object({
  version: versionResponse,
  warnings: z.array(problemResponse),
});

export const linesResponse = z.object({
  version: versionResponse,
  total: z.number(),
  offset: z.number(),
  items: z.array(lineResponse),
});

const changeResponse = z.object({ column: z.string(), before: z.string(), after: z.string() });
export const diffResponse = z.object({
  from: versionResponse.nullable(),
  to: versionResponse,
  added: z.array(lineResponse),
  removed: z.array(lineResponse),
  changed: z.array(z.object({ recordId: z.string(), changes: z.array(changeResponse) })),
  unchangedCount: z.number(),
});

export function presentVersion(version: ListVersion): z.infer<typeof versionResponse> {
  const { listId: _listId, ...rest } = version;
  return { ...rest, createdAt: version.createdAt.toISOString() };
}

export function presentProblems(
  problems: readonly LineProblem[],
): z.infer<typeof problemResponse>[] {
  return problems.map((problem) => ({ ...problem }));
}

export function presentLine(line: PersonLine): z.infer<typeof lineResponse> {
  return line;
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
