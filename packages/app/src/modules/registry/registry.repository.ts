import {
  type Expression,
  type ExpressionBuilder,
  type Selectable,
  type SqlBool,
  sql,
} from 'kysely';
import type { Database } from '../../platform/db/kysely.ts';
import { plannedEachTime } from '../../platform/db/scope.ts';
import { AppError } from '../../platform/errors.ts';
import type { ListLineTable, ListVersionTable } from '../../platform/db/schema.ts';
import {
  FIELD_OF_COLUMN,
  type ListColumn,
  type ListKind,
  type PersonLine,
} from './domain/list-columns.ts';
import type { ListId, ListVersion, VersionId } from './domain/list-version.ts';
import { IDENTIFIER_TRANSLATION, type SearchTerm, searchTerms } from './domain/search-terms.ts';

type LineRow = Omit<
  ListLineTable,
  'id' | 'extra' | 'invalid' | 'search_text' | 'name_text' | 'name_key'
> & {
  extra: Record<string, string>;
  invalid: Record<string, string>;
  health_status: string | null;
};

const STORED_COLUMNS = Object.keys(FIELD_OF_COLUMN).filter(
  (column) => column !== 'health_status',
) as Exclude<ListColumn, 'health_status'>[];

const LINE_COLUMNS = [
  'version_id',
  'mechanism_id',
  'party_code',
  'line_number',
  'extra',
  'invalid',
  ...STORED_COLUMNS,
];

/** Locks the list (creating it if new) so that concurrent imports number their versions one after the other. */
export async function lockList(
  db: Database,
  ref: { mechanismId: string; party: string; kind: ListKind },
): Promise<ListId> {
  await db
    .insertInto('person_list')
    .values({ mechanism_id: ref.mechanismId, party_code: ref.party, kind: ref.kind })
    .onConflict((oc) => oc.columns(['mechanism_id', 'party_code', 'kind']).doNothing())
    .execute();
  const { id } = await db
    .selectFrom('person_list')
    .select('id')
    .where('mechanism_id', '=', ref.mechanismId)
    .where('party_code', '=', ref.party)
    .where('kind', '=', ref.kind)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return id as ListId;
}

export async function findListId(
  db: Database,
  ref: { mechanismId: string; party: string; kind: ListKind },
): Promise<ListId | undefined> {
  const row = await db
    .selectFrom('person_list')
    .select('id')
    .where('mechanism_id', '=', ref.mechanismId)
    .where('party_code', '=', ref.party)
    .where('kind', '=', ref.kind)
    .executeTakeFirst();
  return row?.id as ListId | undefined;
}

export async function nextVersionNumber(db: Database, listId: ListId): Promise<number> {
  const row = await db
    .selectFrom('list_version')
    .select((eb) => eb.fn.max('number').as('last'))
    .where('list_id', '=', listId)
    .executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

/** Writes the version row; its lines may come before it in the same transaction (the key is deferred). */
export async function insertVersion(
  db: Database,
  version: Omit<ListVersion, 'createdAt'>,
): Promise<void> {
  await db
    .insertInto('list_version')
    .values({
      id: version.id,
      list_id: version.listId,
      number: version.number,
      created_by: version.createdBy,
      source_name: version.sourceName,
      source_sha256: version.sourceSha256,
      line_count: version.lineCount,
      flagged_line_count: version.flaggedLineCount,
      warnings: JSON.stringify(version.warnings),
    })
    .execute();
}

/**
 * Writes a batch of a version's lines and their health data. One JSON parameter per table:
 * parsing it in the server is far cheaper than binding tens of thousands of parameters, and
 * PGlite silently fails statements of more than 32,767 of them.
 */
export async function insertLines(
  db: Database,
  owner: { versionId: VersionId; mechanismId: string; party: string },
  lines: readonly PersonLine[],
): Promise<void> {
  const { versionId } = owner;
  const rows = JSON.stringify(lines.map((line) => toRow(owner, line)));
  await sql`
    insert into list_line (${sql.join(LINE_COLUMNS.map((c) => sql.ref(c)))})
    select ${sql.join(LINE_COLUMNS.map((c) => sql.ref(c)))}
    from jsonb_populate_recordset(null::list_line, ${rows}::jsonb)`.execute(db);
  const health = lines.filter((line) => line.healthStatus !== null);
  if (health.length === 0) return;
  const healthRows = JSON.stringify(
    health.map((line) => ({
      version_id: versionId,
      mechanism_id: owner.mechanismId,
      party_code: owner.party,
      record_id: line.recordId,
      health_status: line.healthStatus,
    })),
  );
  await sql`
    insert into list_line_health (version_id, mechanism_id, party_code, record_id, health_status)
    select version_id, mechanism_id, party_code, record_id, health_status
    from jsonb_populate_recordset(null::list_line_health, ${healthRows}::jsonb)`.execute(db);
}

/**
 * Does after an import what autovacuum would (migration 0030): merges the trigram indexes' pending
 * entries, and gives the planner the lines' statistics when the import added a tenth of the table
 * or more. Whether it analyzed them.
 */
export async function settleLines(db: Database, added: number): Promise<boolean> {
  const { rows } = await sql<{ analyzed: boolean }>`
    select parley_settle_lines(${added}) as analyzed`.execute(db);
  return rows[0]?.analyzed === true;
}

export async function findVersions(db: Database, listId: ListId): Promise<ListVersion[]> {
  const rows = await db
    .selectFrom('list_version')
    .selectAll()
    .where('list_id', '=', listId)
    .orderBy('number')
    .execute();
  return rows.map(toVersion);
}

function toVersion(row: Selectable<ListVersionTable>): ListVersion {
  return {
    id: row.id as VersionId,
    listId: row.list_id as ListId,
    number: row.number,
    createdAt: row.created_at,
    createdBy: row.created_by,
    sourceName: row.source_name,
    sourceSha256: row.source_sha256,
    lineCount: row.line_count,
    flaggedLineCount: row.flagged_line_count,
    warnings: row.warnings,
  };
}

/** A version with the span of its line numbers, when they run without gaps (see fileOrderSpan). */
export interface VersionWithSpan {
  version: ListVersion;
  span: LineSpan | null;
}

/** The first and last line numbers of a version whose lines are numbered without gaps, and its count. */
export interface LineSpan {
  first: number;
  last: number;
  count: number;
}

/**
 * One version of a list (the latest when `number` is absent) with the span of its lines, and
 * the list's latest version number, in one round trip: a page of lines needs nothing else. The
 * versions and lines seen are those of the caller's row scope.
 */
export async function findVersionWithSpan(
  db: Database,
  ref: { mechanismId: string; party: string; kind: ListKind; number?: number },
): Promise<{ latest: number | null; found: VersionWithSpan | null }> {
  const latest = sql<
    number | null
  >`(select max(lv.number) from list_version lv where lv.list_id = l.id)`;
  const row = await db
    .selectFrom('person_list as l')
    .leftJoin('list_version as v', (join) =>
      join
        .onRef('v.list_id', '=', 'l.id')
        .on((eb) => eb('v.number', '=', ref.number === undefined ? latest : eb.val(ref.number))),
    )
    .where('l.mechanism_id', '=', ref.mechanismId)
    .where('l.party_code', '=', ref.party)
    .where('l.kind', '=', ref.kind)
    .selectAll('v')
    .select((eb) => [
      latest.as('latest'),
      eb
        .selectFrom('list_line')
        .whereRef('list_line.version_id', '=', 'v.id')
        .select((inner) => inner.fn.min('line_number').as('first'))
        .as('first_line'),
      eb
        .selectFrom('list_line')
        .whereRef('list_line.version_id', '=', 'v.id')
        .select((inner) => inner.fn.max('line_number').as('last'))
        .as('last_line'),
    ])
    .executeTakeFirst();
  if (!row) return { latest: null, found: null };
  const last = row.latest === null ? null : Number(row.latest);
  if (row.id === null) return { latest: last, found: null };
  const version = toVersion(row as Selectable<ListVersionTable>);
  const { first_line: first, last_line: end } = row;
  const span =
    first !== null && end !== null && end - first + 1 === version.lineCount
      ? { first, last: end, count: version.lineCount }
      : null;
  return { latest: last, found: { version, span } };
}

export interface LineQuery {
  versionId: VersionId;
  /**
   * Matches any name field or the record id as a case-insensitive substring, and the Cyrillic
   * name fields in either script (domain/name-skeleton.ts).
   */
  search?: string;
  isFlagged?: boolean;
  sort?: {
    column: Exclude<ListColumn, 'health_status'> | 'line_number';
    direction: 'asc' | 'desc';
  };
  offset: number;
  /**
   * Keyset paging in line order: the lines after this line number (before it, descending),
   * whatever their gaps; `offset` then counts from there. Only with the line-number sort.
   */
  after?: number;
  limit: number;
}

/**
 * The ways a line may hold one word of a search (domain/search-terms.ts): as typed in a name, the
 * record id or the service number; as a spelling of the name in either script, matched as the
 * names are stored (no skeleton computed for each line); or as the service number compacted
 * the way the search was ("АБ-123456" finds AB123456).
 */
function termConditions(eb: ExpressionBuilder<{ l: ListLineTable }, 'l'>, term: SearchTerm) {
  // The generated columns (migration 0017) hold these columns' text in lower case, trigram-indexed:
  // one condition the index serves, where an ilike per column read every line.
  // Lowered by the database, as the stored text was, whatever its locale folds.
  const pattern = `%${term.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const conditions: Expression<SqlBool>[] = [sql<boolean>`l.search_text like lower(${pattern})`];
  // The names' key finds the candidates in its trigram index (migration 0029); the pattern of
  // the spellings, exact, is checked on those only.
  if (term.name !== null)
    conditions.push(
      sql<boolean>`(l.name_key ~ ${term.name.keyPattern} and l.name_text ~* ${term.name.pattern})`,
    );
  if (term.identifier !== null) conditions.push(holdsIdentifier(term.identifier));
  return conditions;
}

/** The service number, compacted as compactIdentifier compacts, holds the identifier. */
function holdsIdentifier(identifier: string) {
  const { from, to } = IDENTIFIER_TRANSLATION;
  const compact = sql`regexp_replace(translate(lower(l.service_number), ${from}, ${to}), ${IDENTIFIER_SEPARATOR_CLASS}, '', 'g')`;
  return sql<boolean>`${compact} like ${`%${identifier.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
}

// The separators compactIdentifier leaves out, as a PostgreSQL character class.
const IDENTIFIER_SEPARATOR_CLASS = '[[:space:]./№#‐‑–—-]';

export async function findLines(
  db: Database,
  query: LineQuery,
  /** The version's span and line count, when the caller has them (findVersionWithSpan). */
  known?: { span: LineSpan | null; lineCount: number },
): Promise<{ total: number; lines: PersonLine[] }> {
  let base = db.selectFrom('list_line as l').where('l.version_id', '=', query.versionId);
  if (query.search) {
    const { words, identifier } = searchTerms(query.search);
    base = base.where((eb) =>
      eb.or([
        eb.and(words.map((word) => eb.or(termConditions(eb, word)))),
        ...(identifier === null ? [] : [holdsIdentifier(identifier)]),
      ]),
    );
  }
  if (query.isFlagged !== undefined) {
    base = base.where(sql<boolean>`(l.invalid <> '{}'::jsonb) = ${query.isFlagged}`);
  }
  const sort = query.sort ?? { column: 'line_number', direction: 'asc' };
  const withHealth = (lines: typeof base) =>
    lines
      .leftJoin('list_line_health as h', (join) =>
        join.onRef('h.version_id', '=', 'l.version_id').onRef('h.record_id', '=', 'l.record_id'),
      )
      .select(LINE_SELECT);

  const unfiltered = !query.search && query.isFlagged === undefined;
  if (query.after !== undefined) {
    if (sort.column !== 'line_number')
      throw new AppError(
        'VALIDATION.INVALID_INPUT',
        '"after" pages in line order only: sort by line_number',
      );
    const rows = await withHealth(
      base.where('l.line_number', sort.direction === 'asc' ? '>' : '<', query.after),
    )
      .orderBy('l.line_number', sort.direction)
      .offset(query.offset)
      .limit(query.limit)
      .execute();
    const total =
      unfiltered && known
        ? known.lineCount
        : Number(
            (
              await base
                .select((eb) => eb.fn.countAll<number>().as('total'))
                .executeTakeFirstOrThrow()
            ).total,
          );
    return { total, lines: rows.map(fromRow) };
  }
  if (unfiltered && sort.column === 'line_number') {
    const span = known === undefined ? await fileOrderSpan(db, query.versionId) : known.span;
    const page = rangePage(db, query, span);
    if (page) return page.answer(await page.query.execute());
  }
  const page = (lines: typeof base) =>
    withHealth(lines)
      .orderBy(`l.${sort.column}`, sort.direction)
      .orderBy('l.line_number')
      .offset(query.offset)
      .limit(query.limit);
  // A version keeps its line count: only a filtered page needs its lines counted.
  if (unfiltered && known)
    return { total: known.lineCount, lines: (await page(base).execute()).map(fromRow) };
  // Counted in the page's own statement, a window over the lines found: a count of its own read
  // them all a second time, and doubled what a search cost the database (issue 17).
  const found = sql<string>`count(*) over ()`.as('found');
  const rows = query.search
    ? // A search's lines are all found first, through the trigram indexes, then sorted: asked for
      // a page in line order, the planner walked the version's lines in that order until it had
      // a page, which for a rare name is every line (550 ms for 100,000). Only their ids and sort
      // keys are kept to be counted and sorted (whole lines, thousands for a common name, spilt
      // the window's store to disk); the page's lines and their health are read by id. Planned
      // each time: which trigram index narrows the lines depends on the words searched.
      await plannedEachTime(
        db,
        db
          .with(
            (cte) => cte('found').materialized(),
            () => base.select([...new Set(['l.id', 'l.line_number', `l.${sort.column}`] as const)]),
          )
          .with('page', (lines) =>
            lines
              .selectFrom('found')
              .select(['found.id', found])
              .orderBy(`found.${sort.column}`, sort.direction)
              .orderBy('found.line_number')
              .offset(query.offset)
              .limit(query.limit),
          )
          .selectFrom('page')
          .innerJoin('list_line as l', 'l.id', 'page.id')
          .leftJoin('list_line_health as h', (join) =>
            join
              .onRef('h.version_id', '=', 'l.version_id')
              .onRef('h.record_id', '=', 'l.record_id'),
          )
          .select([...LINE_SELECT, 'page.found'])
          .orderBy(`l.${sort.column}`, sort.direction)
          .orderBy('l.line_number'),
      )
    : await page(base).select(found).execute();
  const total =
    rows[0] !== undefined
      ? Number(rows[0].found)
      : query.offset === 0
        ? 0
        : Number(
            (
              await base
                .select((eb) => eb.fn.countAll<number>().as('total'))
                .executeTakeFirstOrThrow()
            ).total,
          );
  return { total, lines: rows.map(fromRow) };
}

/**
 * A page that is a range of line numbers, found in the index where an offset would read and
 * skip every line before it: for a version whose lines are numbered without gaps (a span), read
 * unfiltered in line order. The query, to run as the caller will, and how its rows answer; null
 * for any other page.
 */
export function rangePage(db: Database, query: LineQuery, span: LineSpan | null) {
  const sort = query.sort ?? { column: 'line_number', direction: 'asc' };
  const unfiltered = !query.search && query.isFlagged === undefined && query.after === undefined;
  if (!span || !unfiltered || sort.column !== 'line_number') return null;
  const from =
    sort.direction === 'asc'
      ? span.first + query.offset
      : span.last - query.offset - query.limit + 1;
  return {
    query: db
      .selectFrom('list_line as l')
      .leftJoin('list_line_health as h', (join) =>
        join.onRef('h.version_id', '=', 'l.version_id').onRef('h.record_id', '=', 'l.record_id'),
      )
      .select(LINE_SELECT)
      .where('l.version_id', '=', query.versionId)
      .where('l.line_number', '>=', from)
      .where('l.line_number', '<', from + query.limit)
      .orderBy('l.line_number', sort.direction),
    answer: (rows: Parameters<typeof fromRow>[0][]) => ({
      total: span.count,
      lines: rows.map(fromRow),
    }),
  };
}

/**
 * The first and last line numbers of a version, when its lines are numbered without gaps (as
 * every file whose lines were all kept is); null otherwise, or when the caller sees no line.
 * The count is the version's own, kept when it was imported, so no query counts the lines.
 */
async function fileOrderSpan(db: Database, versionId: VersionId): Promise<LineSpan | null> {
  const row = await db
    .selectFrom('list_version as v')
    .where('v.id', '=', versionId)
    .select((eb) => [
      'v.line_count as count',
      eb
        .selectFrom('list_line')
        .where('version_id', '=', versionId)
        .select((inner) => inner.fn.min('line_number').as('first'))
        .as('first'),
      eb
        .selectFrom('list_line')
        .where('version_id', '=', versionId)
        .select((inner) => inner.fn.max('line_number').as('last'))
        .as('last'),
    ])
    .executeTakeFirst();
  if (!row || row.first === null || row.last === null) return null;
  return row.last - row.first + 1 === row.count
    ? { first: row.first, last: row.last, count: row.count }
    : null;
}

/** The lines of a version with the given record ids (those that exist). */
export async function findLinesByRecord(
  db: Database,
  versionId: VersionId,
  recordIds: readonly string[],
): Promise<PersonLine[]> {
  if (recordIds.length === 0) return [];
  const rows = await db
    .selectFrom('list_line as l')
    .leftJoin('list_line_health as h', (join) =>
      join.onRef('h.version_id', '=', 'l.version_id').onRef('h.record_id', '=', 'l.record_id'),
    )
    .select(LINE_SELECT)
    .where('l.version_id', '=', versionId)
    .where('l.record_id', 'in', [...recordIds])
    .execute();
  return rows.map(fromRow);
}

/** The names of a version's extra columns, in order. */
export async function findExtraColumns(db: Database, versionId: VersionId): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select distinct jsonb_object_keys(extra) as name from list_line
    where version_id = ${versionId} order by name`.execute(db);
  return rows.map((row) => row.name);
}

/** Every line of a version in file order, streamed in pages so that exports of any size stay small in memory. */
export async function* streamLines(
  db: Database,
  versionId: VersionId,
  pageSize = 5_000,
): AsyncGenerator<PersonLine> {
  // Each page is a range of line numbers, not "the next N after the last": right after an
  // import the table has no statistics yet, and the planner then read every line after the
  // cursor (and its health row) for each page, so a whole list took time in the square of its
  // length (100,000 lines: 6-9 s on PostgreSQL). A range reads its own lines only, whatever
  // the plan; line numbers may have gaps (refused lines), which only make a page smaller.
  const span = await db
    .selectFrom('list_line')
    .select((eb) => [eb.fn.min('line_number').as('first'), eb.fn.max('line_number').as('last')])
    .where('version_id', '=', versionId)
    .executeTakeFirst();
  if (span?.first == null || span.last == null) return;
  for (let from = span.first; from <= span.last; from += pageSize) {
    const rows = await db
      .selectFrom('list_line as l')
      .leftJoin('list_line_health as h', (join) =>
        join.onRef('h.version_id', '=', 'l.version_id').onRef('h.record_id', '=', 'l.record_id'),
      )
      .select(LINE_SELECT)
      .where('l.version_id', '=', versionId)
      .where('l.line_number', '>=', from)
      .where('l.line_number', '<', from + pageSize)
      .orderBy('l.line_number')
      .execute();
    for (const row of rows) yield fromRow(row);
  }
}

const LINE_SELECT = [
  'l.record_id',
  'l.surname',
  'l.given_name',
  'l.patronymic',
  'l.surname_latin',
  'l.given_name_latin',
  'l.sex',
  'l.date_of_birth',
  'l.place_of_birth',
  'l.nationality',
  'l.legal_status',
  'l.rank',
  'l.service_number',
  'l.unit',
  'l.capture_date',
  'l.capture_place',
  'l.detention_place',
  'l.notes',
  'l.line_number',
  'l.extra',
  'l.invalid',
  'h.health_status',
] as const;

function toRow(
  owner: { versionId: string; mechanismId: string; party: string },
  line: PersonLine,
): Record<string, unknown> {
  const row: Record<string, unknown> = {
    version_id: owner.versionId,
    mechanism_id: owner.mechanismId,
    party_code: owner.party,
    line_number: line.lineNumber,
    extra: line.extra,
    invalid: line.invalid,
  };
  for (const column of STORED_COLUMNS) row[column] = line[FIELD_OF_COLUMN[column]];
  return row;
}

function fromRow(row: Omit<LineRow, 'version_id' | 'mechanism_id' | 'party_code'>): PersonLine {
  const line: Record<string, unknown> = {
    lineNumber: row.line_number,
    extra: row.extra,
    invalid: row.invalid,
    healthStatus: row.health_status,
  };
  for (const column of STORED_COLUMNS) line[FIELD_OF_COLUMN[column]] = row[column];
  return line as unknown as PersonLine;
}

/**
 * What retention may change in a version: whether it is still there, and whether it still holds
 * health data. Read as the system (two booleans, no personal data), for the pages kept in memory.
 */
export async function versionFingerprint(db: Database, versionId: string): Promise<string> {
  const { rows } = await sql<{ kept: boolean; health: boolean }>`
    select exists (select 1 from list_version where id = ${versionId}) as kept,
      exists (select 1 from list_line_health where version_id = ${versionId}) as health`.execute(
    db,
  );
  return `${rows[0]?.kept === true}:${rows[0]?.health === true}`;
}
