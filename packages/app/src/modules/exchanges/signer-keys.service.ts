import { createPublicKey } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import { auditEvent } from '../audit/index.ts';
import type { Actor } from '../access/index.ts';
import { publicKeyId } from './domain/signed-document.ts';
import type { ExchangesDeps } from './exchanges.internal.ts';
import * as repo from './exchanges.repository.ts';

/** The public keys people sign manifests and receipts with, registered per mechanism. */
export function createSignerKeys(deps: ExchangesDeps) {
  const { db, mechanisms, audit } = deps;

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
  };
}
