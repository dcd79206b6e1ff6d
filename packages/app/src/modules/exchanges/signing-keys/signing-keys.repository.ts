import type { Database } from '../../../platform/db/kysely.ts';

export async function insertKey(
  db: Database,
  key: {
    keyId: string;
    mechanismId: string;
    userId: string;
    publicKey: string;
    registeredBy: string;
  },
): Promise<void> {
  await db
    .insertInto('signing_key')
    .values({
      key_id: key.keyId,
      mechanism_id: key.mechanismId,
      user_id: key.userId,
      public_key: key.publicKey,
      registered_by: key.registeredBy,
    })
    .execute();
}

export function findKeys(db: Database, mechanismId: string) {
  return db
    .selectFrom('signing_key as k')
    .innerJoin('app_user as u', 'u.id', 'k.user_id')
    .select([
      'k.key_id',
      'k.public_key',
      'k.user_id',
      'u.username',
      'k.registered_at',
      'k.registered_by',
      'k.revoked_at',
    ])
    .where('k.mechanism_id', '=', mechanismId)
    .orderBy('k.registered_at')
    .execute();
}

export function findKey(db: Database, keyId: string) {
  return db.selectFrom('signing_key').selectAll().where('key_id', '=', keyId).executeTakeFirst();
}

/** Marks a key revoked; false when it was revoked already. */
export async function revokeKey(db: Database, keyId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('signing_key')
    .set({ revoked_at: at })
    .where('key_id', '=', keyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
