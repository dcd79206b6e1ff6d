import { sql, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/kysely.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { PointKind, PositionRecord, Stance } from './domain/points.ts';

export type RoundRow = Selectable<DB['talks_round']>;
export type DocumentRow = Selectable<DB['talks_document']>;
export type VersionRow = Selectable<DB['talks_document_version']>;
export type PointRow = Selectable<DB['talks_point']>;

export interface NewRound {
  mechanismId: string;
  date: string;
  venue: string;
  mediators: readonly string[];
  delegations: ReadonlyArray<{ party: string; head: string | null; members: readonly string[] }>;
  durationMinutes: number | null;
  summary: string;
  createdBy: string;
}

export async function insertRound(
  db: Database,
  round: NewRound,
  outcomes: ReadonlyArray<{ text: string; agreementId: string | null }>,
): Promise<{ id: string; number: number }> {
  // The mechanism's row is locked (not its key, which other tables refer to) so that two rounds
  // recorded at once get different numbers.
  await db
    .selectFrom('mechanism')
    .select('id')
    .where('id', '=', round.mechanismId)
    .forNoKeyUpdate()
    .execute();
  const { next } = await db
    .selectFrom('talks_round')
    .select(sql<number>`coalesce(max(number), 0)::int + 1`.as('next'))
    .where('mechanism_id', '=', round.mechanismId)
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('talks_round')
    .values({
      mechanism_id: round.mechanismId,
      number: next,
      date: round.date,
      venue: round.venue,
      mediators: JSON.stringify(round.mediators),
      delegations: JSON.stringify(round.delegations),
      duration_minutes: round.durationMinutes,
      summary: round.summary,
      created_by: round.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertOutcomes(db, round.mechanismId, id, outcomes);
  return { id, number: next };
}

async function insertOutcomes(
  db: Database,
  mechanismId: string,
  roundId: string,
  outcomes: ReadonlyArray<{ text: string; agreementId: string | null }>,
): Promise<void> {
  if (outcomes.length === 0) return;
  await db
    .insertInto('talks_outcome')
    .values(
      outcomes.map((o, i) => ({
        mechanism_id: mechanismId,
        round_id: roundId,
        number: i + 1,
        text: o.text,
        agreement_id: o.agreementId,
      })),
    )
    .execute();
}

export interface RoundCorrection {
  date?: string;
  venue?: string;
  mediators?: readonly string[];
  delegations?: ReadonlyArray<{ party: string; head: string | null; members: readonly string[] }>;
  durationMinutes?: number | null;
  summary?: string;
  outcomes?: ReadonlyArray<{ text: string; agreementId: string | null }>;
}

/** Corrects a round's details; outcomes, when given, replace the round's outcomes. */
export async function updateRound(
  db: Database,
  mechanismId: string,
  roundId: string,
  c: RoundCorrection,
): Promise<void> {
  const set = {
    ...(c.date !== undefined ? { date: c.date } : {}),
    ...(c.venue !== undefined ? { venue: c.venue } : {}),
    ...(c.mediators !== undefined ? { mediators: JSON.stringify(c.mediators) } : {}),
    ...(c.delegations !== undefined ? { delegations: JSON.stringify(c.delegations) } : {}),
    ...(c.durationMinutes !== undefined ? { duration_minutes: c.durationMinutes } : {}),
    ...(c.summary !== undefined ? { summary: c.summary } : {}),
  };
  if (Object.keys(set).length > 0)
    await db.updateTable('talks_round').set(set).where('id', '=', roundId).execute();
  if (c.outcomes) {
    await db.deleteFrom('talks_outcome').where('round_id', '=', roundId).execute();
    await insertOutcomes(db, mechanismId, roundId, c.outcomes);
  }
}

export async function listRounds(db: Database, mechanismId: string) {
  const rounds = await db
    .selectFrom('talks_round')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .orderBy('date')
    .orderBy('number')
    .execute();
  const outcomes = await db
    .selectFrom('talks_outcome as o')
    .leftJoin('agreement as a', 'a.id', 'o.agreement_id')
    .select(['o.round_id', 'o.number', 'o.text', 'o.agreement_id', 'a.name as agreement_name'])
    .where('o.mechanism_id', '=', mechanismId)
    .orderBy('o.number')
    .execute();
  return rounds.map((round) => ({
    ...round,
    outcomes: outcomes.filter((o) => o.round_id === round.id),
  }));
}

export async function findRound(db: Database, mechanismId: string, id: string) {
  return db
    .selectFrom('talks_round')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function outcomesOf(db: Database, roundId: string) {
  return db
    .selectFrom('talks_outcome')
    .select(['number', 'text', 'agreement_id'])
    .where('round_id', '=', roundId)
    .orderBy('number')
    .execute();
}

export async function agreementsOf(db: Database, mechanismId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('agreement')
    .select(['id', 'name'])
    .where('mechanism_id', '=', mechanismId)
    .where('id', 'in', [...ids])
    .execute();
}

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

export async function insertNote(
  db: Database,
  note: {
    mechanismId: string;
    party: string;
    subject: string | null;
    text: string;
    createdBy: string;
  },
): Promise<{ id: string; createdAt: Date }> {
  const row = await db
    .insertInto('talks_note')
    .values({
      mechanism_id: note.mechanismId,
      party_code: note.party,
      subject: note.subject,
      text: note.text,
      created_by: note.createdBy,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, createdAt: row.created_at };
}

/** The notes row security lets the transaction see; the caller says whose it asks for. */
export async function listNotes(db: Database, mechanismId: string, party: string) {
  return db
    .selectFrom('talks_note')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .where('party_code', '=', party)
    .orderBy('created_at')
    .execute();
}
