import { auditEvent, type AuditLog } from '../audit/index.ts';
import { authorize, type Actor } from '../access/domain/index.ts';
import type { Database } from '../../platform/db/kysely.ts';
import { AppError } from '../../platform/errors.ts';
import { checkNewMechanism, type Mechanism, type NewMechanism } from './domain/mechanism.ts';
import { findMechanisms, insertMechanism } from './mechanisms.repository.ts';

export interface MechanismsDeps {
  db: Database;
  audit: AuditLog;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The mechanism use cases: create one, list them, and find one by id or name. */
export function createMechanismsService({ db, audit }: MechanismsDeps) {
  return {
    async create(actor: Actor, input: NewMechanism): Promise<Mechanism> {
      authorize(actor, 'mechanism.create');
      const checked = checkNewMechanism(input);
      if (!checked.ok) throw new AppError('MECHANISM.INVALID_PARTIES', checked.message);
      return db.transaction().execute(async (trx) => {
        const [existing] = await findMechanisms(trx, { name: checked.name });
        if (existing) {
          throw new AppError(
            'MECHANISM.NAME_TAKEN',
            `a mechanism named "${checked.name}" already exists`,
          );
        }
        const id = await insertMechanism(trx, checked);
        const [created] = await findMechanisms(trx, { id });
        if (!created) throw new Error(`mechanism ${id} vanished after insert`);
        await audit.record(
          trx,
          auditEvent(actor, 'mechanism.create', {
            mechanismId: id,
            objectIds: [id],
            details: { name: created.name, parties: created.parties, mediators: created.mediators },
          }),
        );
        return created;
      });
    },

    /** The mechanisms the actor holds a role in; all of them for an admin. */
    async list(actor: Actor): Promise<Mechanism[]> {
      const all = await findMechanisms(db);
      if (actor.isSystem || actor.isAdmin) return all;
      return all.filter((m) => actor.grants.some((g) => g.mechanismId === m.id));
    },

    /** Finds a mechanism by its id or its exact name. */
    async get(actor: Actor, ref: string): Promise<Mechanism> {
      const [mechanism] = await findMechanisms(db, UUID.test(ref) ? { id: ref } : { name: ref });
      if (!mechanism) throw new AppError('MECHANISM.NOT_FOUND', `no mechanism "${ref}"`);
      authorize(actor, 'mechanism.read', { mechanismId: mechanism.id });
      return mechanism;
    },
  };
}

export type MechanismsService = ReturnType<typeof createMechanismsService>;
