import type { Database } from '../../../platform/db/kysely.ts';

// The queries only the receipts' use cases make; what every use case reads is in shared/.

/** The handover receipts issued in a stage, oldest first. */
export function findStageReceipts(db: Database, stageId: string) {
  return db
    .selectFrom('manifest')
    .select(['id', 'person_id', 'hash', 'required_signers', 'created_at'])
    .where('stage_id', '=', stageId)
    .where('kind', '=', 'parley-receipt/1')
    .orderBy('created_at')
    .execute();
}
