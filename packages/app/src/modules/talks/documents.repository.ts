import { sql, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/kysely.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { PointKind, PositionRecord, Stance } from './domain/points.ts';

export type DocumentRow = Selectable<DB['talks_document']>;
export type VersionRow = Selectable<DB['talks_document_version']>;
export type PointRow = Selectable<DB['talks_point']>;

export async function findDocument(
  db: Database,
  mechanismId: string,
  ref: { id: string } | { title: string },
): Promise<DocumentRow | undefined> {
  let query = db.selectFrom('talks_document').selectAll().where('mechanism_id', '=', mechanismId);
  query = 'id' in ref ? query.where('id', '=', ref.id) : query.where('title', '=', ref.title);
  return query.executeTakeFirst();
}

export async function insertDocument(
  db: Database,
  document: {
    mechanismId: string;
    title: string;
    author: string;
    kind: DocumentRow['kind'];
    createdBy: string;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('talks_document')
    .values({
      mechanism_id: document.mechanismId,
      title: document.title,
      author: document.author,
      kind: document.kind,
      created_by: document.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertVersion(
  db: Database,
  version: {
    mechanismId: string;
    documentId: string;
    tabledOn: string;
    roundId: string | null;
    note: string;
    createdBy: string;
    points: ReadonlyArray<{ label: string; kind: PointKind; text: string }>;
  },
): Promise<{ id: string; number: number; pointIds: string[] }> {
  // The document's row is locked so that two new versions at once get different numbers.
  await db
    .selectFrom('talks_document')
    .select('id')
    .where('id', '=', version.documentId)
    .forUpdate()
    .execute();
  const { next } = await db
    .selectFrom('talks_document_version')
    .select(sql<number>`coalesce(max(number), 0)::int + 1`.as('next'))
    .where('document_id', '=', version.documentId)
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('talks_document_version')
    .values({
      mechanism_id: version.mechanismId,
      document_id: version.documentId,
      number: next,
      tabled_on: version.tabledOn,
      round_id: version.roundId,
      note: version.note,
      created_by: version.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const points = await db
    .insertInto('talks_point')
    .values(
      version.points.map((p, i) => ({
        mechanism_id: version.mechanismId,
        version_id: id,
        ordinal: i + 1,
        label: p.label,
        kind: p.kind,
        text: p.text,
      })),
    )
    .returning('id')
    .execute();
  return { id, number: next, pointIds: points.map((p) => p.id) };
}

export async function listDocuments(db: Database, mechanismId: string) {
  return db
    .selectFrom('talks_document as d')
    .innerJoin('talks_document_version as v', 'v.document_id', 'd.id')
    .select([
      'd.id',
      'd.title',
      'd.author',
      'd.kind',
      sql<number>`max(v.number)::int`.as('latest_version'),
      sql<string>`min(v.tabled_on)`.as('first_tabled_on'),
    ])
    .where('d.mechanism_id', '=', mechanismId)
    .groupBy(['d.id', 'd.title', 'd.author', 'd.kind'])
    .orderBy(sql`min(v.tabled_on)`)
    .orderBy('d.title')
    .execute();
}

export async function findVersion(
  db: Database,
  documentId: string,
  number: number | 'latest',
): Promise<VersionRow | undefined> {
  let query = db
    .selectFrom('talks_document_version')
    .selectAll()
    .where('document_id', '=', documentId);
  query =
    number === 'latest'
      ? query.orderBy('number', 'desc').limit(1)
      : query.where('number', '=', number);
  return query.executeTakeFirst();
}

export async function pointsOf(db: Database, versionIds: readonly string[]): Promise<PointRow[]> {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom('talks_point')
    .selectAll()
    .where('version_id', 'in', [...versionIds])
    .orderBy('ordinal')
    .execute();
}

export async function findPoint(db: Database, mechanismId: string, pointId: string) {
  return db
    .selectFrom('talks_point')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .where('id', '=', pointId)
    .executeTakeFirst();
}

export async function positionsOf(
  db: Database,
  pointIds: readonly string[],
): Promise<PositionRecord[]> {
  if (pointIds.length === 0) return [];
  const rows = await db
    .selectFrom('talks_position')
    .selectAll()
    .where('point_id', 'in', [...pointIds])
    .orderBy('recorded_at')
    .execute();
  return rows.map((r) => ({
    pointId: r.point_id,
    party: r.party_code,
    stance: r.stance as Stance,
    conditions: r.conditions,
    statedOn: r.stated_on,
    source: r.source,
    recordedAt: r.recorded_at,
  }));
}

export async function insertPositions(
  db: Database,
  mechanismId: string,
  positions: ReadonlyArray<Omit<PositionRecord, 'recordedAt'> & { recordedBy: string }>,
): Promise<void> {
  if (positions.length === 0) return;
  await db
    .insertInto('talks_position')
    .values(
      positions.map((p) => ({
        mechanism_id: mechanismId,
        point_id: p.pointId,
        party_code: p.party,
        stance: p.stance,
        conditions: p.conditions,
        stated_on: p.statedOn,
        source: p.source,
        recorded_by: p.recordedBy,
      })),
    )
    .execute();
}
