import type { Database } from '../../../platform/db/kysely.ts';
import type { DB } from '../../../platform/db/schema.ts';
import type { Insertable } from 'kysely';

export function setHold(
  db: Database,
  inquiryId: string,
  hold: { reason: string; by: string; at: Date } | null,
) {
  return db
    .updateTable('inquiry')
    .set({
      legal_hold: hold?.reason ?? null,
      legal_hold_by: hold?.by ?? null,
      legal_hold_at: hold?.at ?? null,
    })
    .where('id', '=', inquiryId)
    .execute();
}

/** What of an inquiry's matching still waits for a person to decide. */
export async function findOpenReviews(db: Database, inquiryId: string) {
  const [matches, pairs] = await Promise.all([
    db
      .selectFrom('inquiry_match')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('inquiry_id', '=', inquiryId)
      .where('status', '=', 'proposed')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('inquiry_same_person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('inquiry_id', '=', inquiryId), eb('other_id', '=', inquiryId)]))
      .where('status', '=', 'proposed')
      .executeTakeFirstOrThrow(),
  ]);
  return { matches: Number(matches.n), pairs: Number(pairs.n) };
}

export function insertErasure(db: Database, erasure: Insertable<DB['inquiry_erasure']>) {
  return db
    .insertInto('inquiry_erasure')
    .values(erasure)
    .returning(['id', 'recorded_at'])
    .executeTakeFirstOrThrow();
}

/** Erases the inquirer's compartment and the codes that let the family follow the inquiry. */
export async function eraseInquirer(db: Database, inquiryId: string): Promise<number> {
  const inquirer = await db
    .deleteFrom('inquiry_inquirer')
    .where('inquiry_id', '=', inquiryId)
    .executeTakeFirst();
  const codes = await db
    .deleteFrom('inquiry_family_code')
    .where('inquiry_id', '=', inquiryId)
    .executeTakeFirst();
  return Number(inquirer.numDeletedRows) + Number(codes.numDeletedRows);
}

/** A party's erasure records, latest first. */
export function findErasures(db: Database, mechanismId: string, party: string, limit: number) {
  return db
    .selectFrom('inquiry_erasure')
    .selectAll()
    .where('mechanism_id', '=', mechanismId)
    .where('party_code', '=', party)
    .orderBy('recorded_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
