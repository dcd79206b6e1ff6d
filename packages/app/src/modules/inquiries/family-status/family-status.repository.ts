import type { Database } from '../../../platform/db/kysely.ts';

export interface NewFamilyCode {
  mechanismId: string;
  party: string;
  inquiryId: string;
  codeHash: string;
  issuedBy: string;
  issuedAt: Date;
  expiresAt: Date;
}

const CODE_COLUMNS = [
  'id',
  'inquiry_id',
  'issued_at',
  'expires_at',
  'revoked_at',
  'views',
  'last_viewed_at',
] as const;

export async function insertFamilyCode(db: Database, code: NewFamilyCode): Promise<string> {
  const { id } = await db
    .insertInto('inquiry_family_code')
    .values({
      mechanism_id: code.mechanismId,
      party_code: code.party,
      inquiry_id: code.inquiryId,
      code_hash: code.codeHash,
      issued_by: code.issuedBy,
      issued_at: code.issuedAt,
      expires_at: code.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An inquiry's codes, newest first: never their hashes. */
export function findFamilyCodes(db: Database, inquiryId: string) {
  return db
    .selectFrom('inquiry_family_code')
    .select(CODE_COLUMNS)
    .where('inquiry_id', '=', inquiryId)
    .orderBy('issued_at', 'desc')
    .orderBy('id')
    .execute();
}

export function findFamilyCode(db: Database, mechanismId: string, id: string) {
  return db
    .selectFrom('inquiry_family_code')
    .select([...CODE_COLUMNS, 'party_code'])
    .where('mechanism_id', '=', mechanismId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function revokeFamilyCode(db: Database, id: string, by: string, at: Date) {
  return db
    .updateTable('inquiry_family_code')
    .set({ revoked_by: by, revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The code with this hash, whether or not it still holds. */
export function findFamilyCodeByHash(db: Database, codeHash: string) {
  return db
    .selectFrom('inquiry_family_code')
    .select([...CODE_COLUMNS, 'mechanism_id', 'party_code'])
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
}

export function countFamilyView(db: Database, id: string, at: Date) {
  return db
    .updateTable('inquiry_family_code')
    .set((eb) => ({ views: eb('views', '+', 1), last_viewed_at: at }))
    .where('id', '=', id)
    .execute();
}

/**
 * What the family's page needs of one inquiry: its status and dates, the day the last move to
 * handed over named, and whether the mediator confirmed a match of it. No names.
 */
export async function findInquiryFacts(db: Database, inquiryId: string) {
  const inquiry = await db
    .selectFrom('inquiry')
    .select(['id', 'party_code', 'number', 'received_on', 'status', 'status_at'])
    .where('id', '=', inquiryId)
    .executeTakeFirst();
  if (!inquiry) return null;
  const [lastMove, released] = await Promise.all([
    db
      .selectFrom('inquiry_status_event')
      .select(['on_date', 'reason'])
      .where('inquiry_id', '=', inquiryId)
      .where('to_status', '=', inquiry.status)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('inquiry_match')
      .select('id')
      .where('inquiry_id', '=', inquiryId)
      .where('status', '=', 'confirmed')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const language = await db
    .selectFrom('inquiry_inquirer')
    .select('language')
    .where('inquiry_id', '=', inquiryId)
    .executeTakeFirst();
  return {
    inquiry,
    onDate: lastMove?.on_date ?? null,
    reason: lastMove?.reason ?? null,
    hasReleasedMatch: released !== undefined,
    language: language?.language ?? null,
  };
}
