import { sql, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/kysely.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { CeasefireKind, CeasefireScope, CeasefireStatus } from './domain/ceasefire.ts';
import type { Assessment, Verification, ViolationInput } from './domain/violation.ts';

export type CeasefireRow = Selectable<DB['talks_ceasefire']>;
export type ViolationRow = Selectable<DB['talks_violation']>;

// Thirty columns a row: PGlite refuses statements with more than 32,767 parameters.
const BATCH = 500;

export interface NewCeasefire {
  mechanismId: string;
  name: string;
  kind: CeasefireKind;
  scope: readonly CeasefireScope[];
  geography: string;
  sectors: readonly string[];
  startsAt: Date | null;
  durationDays: number | null;
  extension: string | null;
  monitoringBody: string | null;
  proposedBy: string;
  status: CeasefireStatus;
  createdBy: string;
  at: Date;
  preconditions: readonly string[];
}

export async function insertCeasefire(db: Database, c: NewCeasefire): Promise<string> {
  const { id } = await db
    .insertInto('talks_ceasefire')
    .values({
      mechanism_id: c.mechanismId,
      name: c.name,
      kind: c.kind,
      scope: JSON.stringify(c.scope),
      geography: c.geography,
      sectors: JSON.stringify(c.sectors),
      starts_at: c.startsAt,
      duration_days: c.durationDays,
      extension: c.extension,
      monitoring_body: c.monitoringBody,
      proposed_by: c.proposedBy,
      status: c.status,
      created_by: c.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (c.preconditions.length > 0)
    await db
      .insertInto('talks_ceasefire_precondition')
      .values(c.preconditions.map((point_id) => ({ ceasefire_id: id, point_id })))
      .execute();
  await insertStatusEvent(db, {
    mechanismId: c.mechanismId,
    ceasefireId: id,
    from: null,
    to: c.status,
    at: c.at,
    reason: null,
    recordedBy: c.createdBy,
  });
  return id;
}

export async function insertStatusEvent(
  db: Database,
  e: {
    mechanismId: string;
    ceasefireId: string;
    from: CeasefireStatus | null;
    to: CeasefireStatus;
    at: Date;
    reason: string | null;
    recordedBy: string;
  },
): Promise<void> {
  await db
    .insertInto('talks_ceasefire_event')
    .values({
      mechanism_id: e.mechanismId,
      ceasefire_id: e.ceasefireId,
      from_status: e.from,
      to_status: e.to,
      at: e.at,
      reason: e.reason,
      recorded_by: e.recordedBy,
    })
    .execute();
}

export async function setStatus(db: Database, id: string, status: CeasefireStatus): Promise<void> {
  await db.updateTable('talks_ceasefire').set({ status }).where('id', '=', id).execute();
}

export async function findCeasefire(
  db: Database,
  mechanismId: string,
  ref: string,
  isId: boolean,
): Promise<CeasefireRow | undefined> {
  return db
    .selectFrom('talks_ceasefire')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .where(isId ? 'id' : 'name', '=', ref)
    .forUpdate()
    .executeTakeFirst();
}

export async function listCeasefires(db: Database, mechanismId: string) {
  const regimes = await db
    .selectFrom('talks_ceasefire')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  const preconditions = await db
    .selectFrom('talks_ceasefire_precondition as c')
    .innerJoin('talks_point as p', 'p.id', 'c.point_id')
    .innerJoin('talks_document_version as v', 'v.id', 'p.version_id')
    .innerJoin('talks_document as d', 'd.id', 'v.document_id')
    .select(['c.ceasefire_id', 'p.id', 'p.label', 'p.text', 'd.title'])
    .where('p.mechanism_id', '=', mechanismId)
    .orderBy('p.ordinal')
    .execute();
  const events = await db
    .selectFrom('talks_ceasefire_event')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .orderBy('recorded_at')
    .execute();
  return regimes.map((regime) => ({
    ...regime,
    preconditions: preconditions.filter((p) => p.ceasefire_id === regime.id),
    history: events.filter((e) => e.ceasefire_id === regime.id),
  }));
}

export async function pointsExist(db: Database, mechanismId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('talks_point')
    .select('id')
    .where('mechanism_id', '=', mechanismId)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => r.id);
}

export async function insertViolations(
  db: Database,
  common: {
    mechanismId: string;
    ceasefireId: string | null;
    reporterKind: 'party' | 'monitor';
    reporter: string;
    createdBy: string;
    importId: string | null;
  },
  violations: ReadonlyArray<{ line: number | null; violation: ViolationInput }>,
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < violations.length; start += BATCH) {
    const rows = await db
      .insertInto('talks_violation')
      .values(
        violations.slice(start, start + BATCH).map(({ line, violation: v }) => ({
          mechanism_id: common.mechanismId,
          ceasefire_id: common.ceasefireId,
          reporter_kind: common.reporterKind,
          reporter: common.reporter,
          verification: 'reported',
          sector: v.sector,
          source: v.observation.source,
          observer_latitude: v.observation.observerPosition?.latitude ?? null,
          observer_longitude: v.observation.observerPosition?.longitude ?? null,
          window_start: v.observation.windowStart,
          window_end: v.observation.windowEnd,
          event_type: v.observation.eventType,
          event_count: v.observation.count,
          perceived: v.observation.perceived,
          weapon: v.assessment.weapon,
          bearing_deg: v.assessment.bearingDeg,
          distance_km: v.assessment.distanceKm,
          trajectory: v.assessment.trajectory,
          confidence: v.assessment.confidence,
          consequences: v.assessment.consequences,
          attribution: v.assessment.attribution,
          import_id: common.importId,
          import_line: line,
          created_by: common.createdBy,
        })),
      )
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export interface ViolationFilter {
  mechanismId: string;
  ceasefireId?: string;
  sector?: string;
  from?: string;
  to?: string;
}

function filtered(db: Database, f: ViolationFilter) {
  let query = db.selectFrom('talks_violation').where('mechanism_id', '=', f.mechanismId);
  if (f.ceasefireId) query = query.where('ceasefire_id', '=', f.ceasefireId);
  if (f.sector) query = query.where('sector', '=', f.sector);
  if (f.from) query = query.where('window_start', '>=', new Date(`${f.from}T00:00:00Z`));
  if (f.to)
    query = query.where(
      'window_start',
      '<',
      new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000),
    );
  return query;
}

export async function listViolations(
  db: Database,
  f: ViolationFilter,
  page: { limit: number; offset: number },
) {
  const [rows, total] = await Promise.all([
    filtered(db, f)
      .selectAll()
      .orderBy('window_start')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, f)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/** Reports and events per UTC day and per sector, of the reports the filter picks. */
export async function violationCounts(db: Database, f: ViolationFilter) {
  const day = sql<string>`to_char(window_start at time zone 'UTC', 'YYYY-MM-DD')`;
  const [perDay, perSector] = await Promise.all([
    filtered(db, f)
      .select([
        day.as('day'),
        sql<number>`count(*)::int`.as('reports'),
        sql<number>`sum(event_count)::int`.as('events'),
      ])
      .groupBy(day)
      .orderBy(day)
      .execute(),
    filtered(db, f)
      .select([
        'sector',
        sql<number>`count(*)::int`.as('reports'),
        sql<number>`sum(event_count)::int`.as('events'),
      ])
      .groupBy('sector')
      .orderBy('sector')
      .execute(),
  ]);
  return { perDay, perSector };
}

export async function findViolation(db: Database, mechanismId: string, id: string) {
  return db
    .selectFrom('talks_violation')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setVerification(db: Database, id: string, verification: Verification) {
  await db.updateTable('talks_violation').set({ verification }).where('id', '=', id).execute();
}

export async function setAssessment(db: Database, id: string, a: Partial<Assessment>) {
  const set = {
    ...(a.weapon !== undefined ? { weapon: a.weapon } : {}),
    ...(a.bearingDeg !== undefined ? { bearing_deg: a.bearingDeg } : {}),
    ...(a.distanceKm !== undefined ? { distance_km: a.distanceKm } : {}),
    ...(a.trajectory !== undefined ? { trajectory: a.trajectory } : {}),
    ...(a.confidence !== undefined ? { confidence: a.confidence } : {}),
    ...(a.consequences !== undefined ? { consequences: a.consequences } : {}),
    ...(a.attribution !== undefined ? { attribution: a.attribution } : {}),
  };
  await db.updateTable('talks_violation').set(set).where('id', '=', id).execute();
}

/** What the timeline is made of, besides rounds: agreements, stages, regimes' statuses. */
export async function timelineSources(db: Database, mechanismId: string) {
  const [agreements, stages, events] = await Promise.all([
    db
      .selectFrom('agreement as a')
      .select([
        'a.id',
        'a.name',
        'a.status',
        'a.created_at',
        // The day the terms name (e.g. the round that agreed them), of the latest version.
        sql<string | null>`(select v.definition->>'date' from agreement_version v
          where v.agreement_id = a.id order by v.number desc limit 1)`.as('date'),
      ])
      .where('a.mechanism_id', '=', mechanismId)
      .execute(),
    db
      .selectFrom('stage as s')
      .innerJoin('agreement as a', 'a.id', 's.agreement_id')
      .select(['s.id', 's.number', 's.date', 's.place', 's.status', 'a.name as agreement_name'])
      .where('s.mechanism_id', '=', mechanismId)
      .execute(),
    db
      .selectFrom('talks_ceasefire_event as e')
      .innerJoin('talks_ceasefire as c', 'c.id', 'e.ceasefire_id')
      .select(['c.id', 'c.name', 'e.from_status', 'e.to_status', 'e.at', 'e.reason'])
      .where('e.mechanism_id', '=', mechanismId)
      .execute(),
  ]);
  return { agreements, stages, events };
}
