import type { Database } from '../../../platform/db/kysely.ts';

// The queries only the signed documents' use cases make; what every use case reads is in shared/.

export function findManifest(db: Database, id: string) {
  return db.selectFrom('manifest').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSignature(
  db: Database,
  signature: {
    manifestId: string;
    signer: string;
    role: string;
    party: string | null;
    keyId: string;
    signature: string;
    signedAt: Date;
    /** The audit log's tree head signed with it (migration 0012). */
    logTreeSize: number | null;
  },
): Promise<void> {
  await db
    .insertInto('manifest_signature')
    .values({
      manifest_id: signature.manifestId,
      signer: signature.signer,
      role: signature.role,
      party_code: signature.party ?? '',
      key_id: signature.keyId,
      signature: signature.signature,
      signed_at: signature.signedAt,
      log_tree_size: signature.logTreeSize,
    })
    .execute();
}
