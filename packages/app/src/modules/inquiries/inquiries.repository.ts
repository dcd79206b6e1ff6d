import { sql, type Selectable } from 'kysely';
import type { Channel, Language, Relation } from '@parley/kernel/inquiry';
import type { Database } from '../../platform/db/kysely.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { InquiryStatus, MatchStatus } from './domain/inquiry-status.ts';
import type { FoundMatch, SamePerson } from './domain/match-inquiries.ts';
import type { SoughtPerson } from './domain/sought-person.ts';

export type InquiryRow = Selectable<DB['inquiry']>;
export type InquirerRow = Selectable<DB['inquiry_inquirer']>;
export type MatchRow = Selectable<DB['inquiry_match']>;

export interface NewInquiry {
  mechanismId: string;
  party: string;
  channel: Channel;
  receivedOn: string;
  person: SoughtPerson;
  consentTracing: boolean;
  sharing: { mediator: boolean; icrc: boolean; otherParty: boolean };
  createdBy: string;
  at: Date;
}

export interface NewInquirer {
  name: string;
  relation: Relation;
  contact: string;
  language: Language;
}

export interface StatusChange {
  inquiryId: string;
  mechanismId: string;
  party: string;
  from: InquiryStatus | null;
  to: InquiryStatus;
  reason: string | null;
  onDate: string | null;
  actor: string;
  at: Date;
}

const personColumns = (p: SoughtPerson) => ({
  surname: p.surname,
  given_name: p.givenName,
  patronymic: p.patronymic,
  surname_latin: p.surnameLatin,
  given_name_latin: p.givenNameLatin,
  sex: p.sex,
  date_of_birth: p.dateOfBirth,
  place_of_birth: p.placeOfBirth,
  rank: p.rank,
  service_number: p.serviceNumber,
  unit: p.unit,
  last_known_place: p.lastKnownPlace,
  last_known_date: p.lastKnownDate,
  circumstances: p.circumstances,
  marks: p.marks,
});

/** The sought person of a stored inquiry. */
export function personOf(row: InquiryRow): SoughtPerson {
  return {
    surname: row.surname,
    givenName: row.given_name,
    patronymic: row.patronymic,
    surnameLatin: row.surname_latin,
    givenNameLatin: row.given_name_latin,
    sex: row.sex === 'M' || row.sex === 'F' ? row.sex : null,
    dateOfBirth: row.date_of_birth,
    placeOfBirth: row.place_of_birth,
    rank: row.rank,
    serviceNumber: row.service_number,
    unit: row.unit,
    lastKnownPlace: row.last_known_place,
    lastKnownDate: row.last_known_date,
    circumstances: row.circumstances,
    marks: row.marks,
  };
}

/**
 * Stores inquiries with their inquirers and first status, numbered in the party's sequence;
 * the mechanism's row is locked meanwhile so that two registrations get different numbers.
 */
export async function insertInquiries(
  db: Database,
  inquiries: ReadonlyArray<{ inquiry: NewInquiry; inquirer: NewInquirer }>,
): Promise<Array<{ id: string; number: number }>> {
  const first = inquiries[0];
  if (!first) return [];
  const { mechanismId, party } = first.inquiry;
  await db
    .selectFrom('mechanism')
    .select('id')
    .where('id', '=', mechanismId)
    .forNoKeyUpdate()
    .execute();
  const { next } = await db
    .selectFrom('inquiry')
    .select(sql<number>`coalesce(max(number), 0)::int + 1`.as('next'))
    .where('mechanism_id', '=', mechanismId)
    .where('party_code', '=', party)
    .executeTakeFirstOrThrow();
  const created: Array<{ id: string; number: number }> = [];
  for (const [start, batch] of batches(inquiries, 1_000)) {
    const rows = await db
      .insertInto('inquiry')
      .values(
        batch.map(({ inquiry }, i) => ({
          mechanism_id: inquiry.mechanismId,
          party_code: inquiry.party,
          number: next + start + i,
          channel: inquiry.channel,
          received_on: inquiry.receivedOn,
          ...personColumns(inquiry.person),
          consent_tracing: inquiry.consentTracing,
          share_mediator: inquiry.sharing.mediator,
          share_icrc: inquiry.sharing.icrc,
          share_other_party: inquiry.sharing.otherParty,
          status: 'no_information',
          status_at: inquiry.at,
          created_by: inquiry.createdBy,
        })),
      )
      .returning(['id', 'number'])
      .execute();
    rows.sort((a, b) => a.number - b.number);
    await db
      .insertInto('inquiry_inquirer')
      .values(
        rows.map((row, i) => ({
          inquiry_id: row.id,
          mechanism_id: mechanismId,
          party_code: party,
          ...batch[i]!.inquirer,
        })),
      )
      .execute();
    await insertStatusChanges(
      db,
      rows.map((row, i) => ({
        inquiryId: row.id,
        mechanismId,
        party,
        from: null,
        to: 'no_information' as const,
        reason: null,
        onDate: null,
        actor: batch[i]!.inquiry.createdBy,
        at: batch[i]!.inquiry.at,
      })),
    );
    created.push(...rows);
  }
  return created;
}

function* batches<T>(items: readonly T[], size: number): Generator<[number, T[]]> {
  for (let start = 0; start < items.length; start += size)
    yield [start, items.slice(start, start + size)];
}

/** Records status changes: the history rows, and each inquiry's present status. */
export async function insertStatusChanges(
  db: Database,
  changes: readonly StatusChange[],
): Promise<void> {
  for (const [, batch] of batches(changes, 5_000)) {
    const rows = JSON.stringify(
      batch.map((c) => ({
        mechanism_id: c.mechanismId,
        party_code: c.party,
        inquiry_id: c.inquiryId,
        from_status: c.from,
        to_status: c.to,
        reason: c.reason,
        on_date: c.onDate,
        actor: c.actor,
        at: c.at.toISOString(),
      })),
    );
    await sql`
      insert into inquiry_status_event (mechanism_id, party_code, inquiry_id, from_status, to_status, reason, on_date, actor, at)
      select mechanism_id, party_code, inquiry_id, from_status, to_status, reason, on_date, actor, at
      from jsonb_populate_recordset(null::inquiry_status_event, ${rows}::jsonb)`.execute(db);
    const moved = batch.filter((c) => c.from !== null);
    if (moved.length === 0) continue;
    const updates = JSON.stringify(
      moved.map((c) => ({ id: c.inquiryId, status: c.to, status_at: c.at.toISOString() })),
    );
    await sql`
      update inquiry set status = u.status, status_at = u.status_at
      from jsonb_populate_recordset(null::inquiry, ${updates}::jsonb) u
      where inquiry.id = u.id`.execute(db);
  }
}

/** The inquiries of a mechanism, of one party when named: where every read of inquiries starts. */
function inquiriesOf(db: Database, mechanismId: string, party?: string) {
  const select = db.selectFrom('inquiry').selectAll().where('mechanism_id', '=', mechanismId);
  return party === undefined ? select : select.where('party_code', '=', party);
}

/** The matches of a mechanism's inquiries. */
const matchesOf = (db: Database, mechanismId: string) =>
  db.selectFrom('inquiry_match').selectAll().where('mechanism_id', '=', mechanismId);

/** A party's inquiries that are not closed. */
const openInquiriesOf = (db: Database, mechanismId: string, party: string) =>
  inquiriesOf(db, mechanismId, party).where('status', '!=', 'closed');

export interface InquiryQuery {
  mechanismId: string;
  party: string | null;
  status: InquiryStatus | null;
  /** For the mediator or the verifier: only inquiries the family shared with that organisation. */
  sharedWith: 'mediator' | 'icrc' | null;
  limit: number;
  offset: number;
}

export async function findInquiries(
  db: Database,
  query: InquiryQuery,
): Promise<{ total: number; rows: InquiryRow[] }> {
  let select = db.selectFrom('inquiry').where('mechanism_id', '=', query.mechanismId);
  if (query.party) select = select.where('party_code', '=', query.party);
  if (query.status) select = select.where('status', '=', query.status);
  if (query.sharedWith === 'mediator') select = select.where('share_mediator', '=', true);
  if (query.sharedWith === 'icrc') select = select.where('share_icrc', '=', true);
  const [{ total }, rows] = await Promise.all([
    select.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    select
      .selectAll()
      .orderBy('party_code')
      .orderBy('number', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
  ]);
  return { total: Number(total), rows };
}

export function findInquiry(db: Database, mechanismId: string, id: string) {
  return inquiriesOf(db, mechanismId).where('id', '=', id).executeTakeFirst();
}

/** The inquiries named, in their numbers' order. */
export async function findInquiriesByIds(
  db: Database,
  mechanismId: string,
  ids: readonly string[],
) {
  const rows: InquiryRow[] = [];
  for (const [, batch] of batches(ids, 5_000)) {
    if (batch.length === 0) continue;
    rows.push(...(await inquiriesOf(db, mechanismId).where('id', 'in', batch).execute()));
  }
  return rows.sort((a, b) => a.number - b.number);
}

export function findInquirer(db: Database, inquiryId: string) {
  return db
    .selectFrom('inquiry_inquirer')
    .selectAll()
    .where('inquiry_id', '=', inquiryId)
    .executeTakeFirst();
}

export function findHistory(db: Database, inquiryId: string) {
  return db
    .selectFrom('inquiry_status_event')
    .select(['from_status', 'to_status', 'reason', 'on_date', 'actor', 'at'])
    .where('inquiry_id', '=', inquiryId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export function findMatches(db: Database, inquiryIds: readonly string[]) {
  if (inquiryIds.length === 0) return Promise.resolve([] as MatchRow[]);
  return db
    .selectFrom('inquiry_match')
    .selectAll()
    .where('inquiry_id', 'in', inquiryIds)
    .orderBy('probability', 'desc')
    .execute();
}

export function findMatch(db: Database, mechanismId: string, matchId: string) {
  return matchesOf(db, mechanismId).where('id', '=', matchId).executeTakeFirst();
}

/** Doubtful matches waiting for a reviewer, oldest first. */
export function findProposedMatches(db: Database, mechanismId: string, limit: number) {
  return matchesOf(db, mechanismId)
    .where('status', '=', 'proposed')
    .orderBy('found_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The open inquiries of a party that the family let Parley match (consent, shared with the mediator). */
export function findMatchable(db: Database, mechanismId: string, party: string, ids?: string[]) {
  let select = openInquiriesOf(db, mechanismId, party)
    .where('consent_tracing', '=', true)
    .where('share_mediator', '=', true);
  if (ids) select = select.where('id', 'in', ids);
  return select.execute();
}

/** Of the inquiries named, those of the party that are still open. */
export function findOpenAmong(
  db: Database,
  mechanismId: string,
  party: string,
  ids: readonly string[],
) {
  if (ids.length === 0) return Promise.resolve([]);
  return openInquiriesOf(db, mechanismId, party).where('id', 'in', ids).execute();
}

/** A party's open inquiries registered after the one of this number. */
export function findOpenAfter(db: Database, mechanismId: string, party: string, number: number) {
  return openInquiriesOf(db, mechanismId, party).where('number', '>', number).execute();
}

/** A party's open inquiries, whatever the family consented to: its own bureau's work. */
export function findOpen(db: Database, mechanismId: string, party: string) {
  return openInquiriesOf(db, mechanismId, party).execute();
}

/** The matches of a party's inquiries (all of them, or those named). */
export function findMatchesOfParty(
  db: Database,
  mechanismId: string,
  party: string,
  ids?: string[],
) {
  let select = matchesOf(db, mechanismId).where('party_code', '=', party);
  if (ids) select = select.where('inquiry_id', 'in', ids);
  return select.execute();
}

/**
 * Replaces the undecided matches of the inquiries named with what the engine found now; matches
 * a reviewer decided stay as they were decided.
 */
export async function replaceUndecidedMatches(
  db: Database,
  scope: { mechanismId: string; party: string; inquiryIds?: string[] },
  found: ReadonlyArray<FoundMatch & { status: MatchStatus }>,
  at: Date,
): Promise<void> {
  let remove = db
    .deleteFrom('inquiry_match')
    .where('mechanism_id', '=', scope.mechanismId)
    .where('party_code', '=', scope.party)
    .where('status', 'in', ['matched', 'proposed']);
  if (scope.inquiryIds) remove = remove.where('inquiry_id', 'in', scope.inquiryIds);
  await remove.execute();
  for (const [, batch] of batches(found, 5_000)) {
    const rows = JSON.stringify(
      batch.map((f) => ({
        mechanism_id: scope.mechanismId,
        party_code: scope.party,
        inquiry_id: f.inquiryId,
        target_party: f.targetParty,
        target_version_id: f.targetVersionId,
        target_record_id: f.targetRecordId,
        probability: f.probability,
        engine_decision: f.decision,
        status: f.status,
        found_at: at.toISOString(),
      })),
    );
    await sql`
      insert into inquiry_match (mechanism_id, party_code, inquiry_id, target_party, target_version_id,
        target_record_id, probability, engine_decision, status, found_at)
      select mechanism_id, party_code, inquiry_id, target_party, target_version_id,
        target_record_id, probability, engine_decision, status, found_at
      from jsonb_populate_recordset(null::inquiry_match, ${rows}::jsonb)
      on conflict on constraint inquiry_match_target do update
        set target_version_id = excluded.target_version_id, probability = excluded.probability,
          engine_decision = excluded.engine_decision`.execute(db);
  }
}

export function decideMatch(
  db: Database,
  matchId: string,
  decision: { status: 'confirmed' | 'rejected'; by: string; at: Date },
) {
  return db
    .updateTable('inquiry_match')
    .set({ status: decision.status, decided_by: decision.by, decided_at: decision.at })
    .where('id', '=', matchId)
    .execute();
}

/**
 * Replaces a party's undecided same-person pairs (all of them, or those of the inquiries named)
 * with what the engine found now; pairs the bureau decided stay as decided.
 */
export async function replaceUndecidedSamePersons(
  db: Database,
  scope: { mechanismId: string; party: string; inquiryIds?: readonly string[] },
  found: readonly SamePerson[],
  at: Date,
): Promise<void> {
  const { inquiryIds } = scope;
  if (inquiryIds?.length === 0) return;
  let stale = db
    .deleteFrom('inquiry_same_person')
    .where('mechanism_id', '=', scope.mechanismId)
    .where('party_code', '=', scope.party)
    .where('status', 'in', ['matched', 'proposed']);
  if (inquiryIds)
    stale = stale.where((eb) =>
      eb.or([eb('inquiry_id', 'in', inquiryIds), eb('other_id', 'in', inquiryIds)]),
    );
  await stale.execute();
  for (const [, batch] of batches(found, 5_000)) {
    const rows = JSON.stringify(
      batch.map((f) => ({
        mechanism_id: scope.mechanismId,
        party_code: scope.party,
        inquiry_id: f.inquiryId,
        other_id: f.otherId,
        probability: f.probability,
        status: f.decision === 'match' ? 'matched' : 'proposed',
        found_at: at.toISOString(),
      })),
    );
    await sql`
      insert into inquiry_same_person (mechanism_id, party_code, inquiry_id, other_id, probability, status, found_at)
      select mechanism_id, party_code, inquiry_id, other_id, probability, status, found_at
      from jsonb_populate_recordset(null::inquiry_same_person, ${rows}::jsonb)
      on conflict on constraint inquiry_same_person_pair do update
        set probability = excluded.probability`.execute(db);
  }
}

/** The other inquiries found to be about the same person as this one, with their numbers. */
export async function findSamePersonsOf(db: Database, inquiryId: string) {
  const pairs = await db
    .selectFrom('inquiry_same_person')
    .selectAll()
    .where((eb) => eb.or([eb('inquiry_id', '=', inquiryId), eb('other_id', '=', inquiryId)]))
    .execute();
  const otherOf = (pair: (typeof pairs)[number]) =>
    pair.inquiry_id === inquiryId ? pair.other_id : pair.inquiry_id;
  const others =
    pairs.length === 0
      ? []
      : await db
          .selectFrom('inquiry')
          .select(['id', 'number', 'party_code'])
          .where('id', 'in', pairs.map(otherOf))
          .execute();
  return pairs
    .map((pair) => {
      const other = others.find((o) => o.id === otherOf(pair));
      return {
        id: pair.id,
        status: pair.status,
        probability: pair.probability,
        inquiryId: otherOf(pair),
        number: other ? `${other.party_code}-${other.number}` : null,
      };
    })
    .sort((a, b) => (a.number ?? '').localeCompare(b.number ?? ''));
}

/** A party's same-person pairs that join two inquiries: sure ones and those the bureau confirmed. */
export function findJoinedPairs(db: Database, mechanismId: string, party: string) {
  return db
    .selectFrom('inquiry_same_person')
    .select(['inquiry_id as inquiryId', 'other_id as otherId'])
    .where('mechanism_id', '=', mechanismId)
    .where('party_code', '=', party)
    .where('status', 'in', ['matched', 'confirmed'])
    .execute();
}

/** The requests to erase the inquirer's data of an inquiry, oldest first. */
export function findErasuresOf(db: Database, inquiryId: string) {
  return db
    .selectFrom('inquiry_erasure')
    .selectAll()
    .where('inquiry_id', '=', inquiryId)
    .orderBy('recorded_at')
    .execute();
}
