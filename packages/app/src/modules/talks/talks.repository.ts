import { sql, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/kysely.ts';
import type { DB } from '../../platform/db/schema.ts';

export type RoundRow = Selectable<DB['talks_round']>;

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
