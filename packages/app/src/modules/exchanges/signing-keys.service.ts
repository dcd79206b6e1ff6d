import type { Database } from '../../platform/db/kysely.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize, type Actor } from '../access/index.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import * as repo from './exchanges.repository.ts';

export interface SigningKeysDeps {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
  clock?: () => Date;
}

/** The administration of people's registered signing keys. */
export function createSigningKeysService({
  db,
  mechanisms,
  audit,
  clock = () => new Date(),
}: SigningKeysDeps) {
  return {
    /**
     * Revokes a key (lost, or its holder left): it signs nothing more, and signatures made with it
     * no longer verify against the mechanism's keys. The key itself stays on record.
     */
    async revoke(actor: Actor, input: { mechanism: string; keyId: string; reason: string }) {
      authorize(actor, 'access.manage');
      const mechanism = await mechanisms.get(actor, input.mechanism);
      const reason = input.reason.trim();
      if (reason.length < 3)
        throw new AppError('VALIDATION.INVALID_INPUT', 'reason: say why the key is revoked');
      const revokedAt = clock();
      await db.transaction().execute(async (trx) => {
        const key = await repo.findKey(trx, input.keyId);
        if (!key || key.mechanism_id !== mechanism.id)
          throw new AppError(
            'EXCHANGE.NOT_FOUND',
            `no key ${input.keyId} is registered in ${mechanism.name}`,
          );
        if (!(await repo.revokeKey(trx, key.key_id, revokedAt)))
          throw new AppError('EXCHANGE.KEY_REVOKED', `the key ${key.key_id} is revoked already`);
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.key.revoke', {
            mechanismId: mechanism.id,
            objectIds: [key.key_id, key.user_id],
            reason,
          }),
        );
      });
      return { keyId: input.keyId, revokedAt };
    },
  };
}

export type SigningKeysService = ReturnType<typeof createSigningKeysService>;
