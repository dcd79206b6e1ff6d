import { createPublicKey } from 'node:crypto';
import type { Database } from '../../../platform/db/kysely.ts';
import { AppError } from '../../../platform/errors.ts';
import { authorize, type Actor } from '../../access/index.ts';
import { auditEvent, type AuditLog } from '../../audit/index.ts';
import type { MechanismsService } from '../../mechanisms/index.ts';
import { publicKeyId } from '../domain/signed-document.ts';
import * as repo from './signing-keys.repository.ts';

export interface SigningKeysDeps {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
  clock?: () => Date;
}

/**
 * The public keys people sign manifests and receipts with, registered per mechanism by their
 * owners, listed for anyone who verifies, and revoked by an admin.
 */
export function createSigningKeysService({
  db,
  mechanisms,
  audit,
  clock = () => new Date(),
}: SigningKeysDeps) {
  return {
    /** Registers the public half of a user's own Ed25519 key in a mechanism. */
    async registerKey(
      actor: Actor,
      input: { mechanism: string; userId: string; publicKey: string },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      if (!actor.isSystem && actor.userId !== input.userId) {
        throw new AppError('ACCESS.FORBIDDEN', 'people register their own keys');
      }
      let der: string;
      try {
        const key = createPublicKey(
          input.publicKey.includes('BEGIN')
            ? input.publicKey
            : { key: Buffer.from(input.publicKey, 'base64'), format: 'der', type: 'spki' },
        );
        if (key.asymmetricKeyType !== 'ed25519') throw new Error(String(key.asymmetricKeyType));
        der = key.export({ type: 'spki', format: 'der' }).toString('base64');
      } catch {
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          'publicKey: not an Ed25519 public key (PEM, or SPKI DER in base64)',
        );
      }
      const keyId = publicKeyId(der);
      await db.transaction().execute(async (trx) => {
        if (await repo.findKey(trx, keyId)) {
          throw new AppError('VALIDATION.INVALID_INPUT', `the key ${keyId} is registered already`);
        }
        await repo.insertKey(trx, {
          keyId,
          mechanismId: mechanism.id,
          userId: input.userId,
          publicKey: der,
          registeredBy: actor.id,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.key.register', {
            mechanismId: mechanism.id,
            objectIds: [keyId, input.userId],
          }),
        );
      });
      return { keyId };
    },

    /** The keys registered in a mechanism: public, for anyone who verifies a manifest. */
    async keys(actor: Actor, mechanismRef: string) {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      return (await repo.findKeys(db, mechanism.id)).map((k) => ({
        keyId: k.key_id,
        username: k.username,
        publicKey: k.public_key,
        registeredAt: k.registered_at,
        registeredBy: k.registered_by,
        revokedAt: k.revoked_at,
      }));
    },

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
