import { auditEvent, type AuditLog } from '../audit/index.ts';
import { authorize, type Actor } from '../access/domain/index.ts';
import type { Database } from '../../platform/db/kysely.ts';
import { AppError } from '../../platform/errors.ts';
import {
  checkNewMechanism,
  matchMechanismName,
  type Mechanism,
  type NewMechanism,
} from './domain/mechanism.ts';
import { findMechanisms, insertMechanism } from './mechanisms.repository.ts';

export interface MechanismsDeps {
  db: Database;
  audit: AuditLog;
}

/** Mechanisms kept in memory at most; a deployment has a handful. */
const MOST_REMEMBERED = 1_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The mechanism use cases: create one, list them, and find one by id or name. */
export function createMechanismsService({ db, audit }: MechanismsDeps) {
  /** The mechanisms an actor holds a role in; all of them for an admin or the system. */
  const readableBy = (actor: Actor, all: Mechanism[]) =>
    actor.isSystem || actor.isAdmin
      ? all
      : all.filter((m) => actor.grants.some((g) => g.mechanismId === m.id));

  /**
   * The mechanism a name means but for its dashes, spaces and case ("UA-RU" for "UA–RU");
   * when none, the refusal suggests the names, among those the actor may read, that hold it.
   */
  async function byNameAsTyped(actor: Actor, ref: string): Promise<Mechanism> {
    const match = matchMechanismName(ref, await findMechanisms(db));
    if (match.found) return match.found;
    const suggestions = readableBy(actor, match.suggestions).map((m) => `"${m.name}"`);
    throw new AppError(
      'MECHANISM.NOT_FOUND',
      `no mechanism "${ref}"${suggestions.length ? `; did you mean ${suggestions.join(' or ')}?` : ''}`,
    );
  }

  // A mechanism, once made, is never changed or deleted: every request names its mechanism, and
  // finding it again each time was a statement of every read (issue 17).
  const byId = new Map<string, Mechanism>();
  const remember = (mechanism: Mechanism) => {
    if (byId.size >= MOST_REMEMBERED) byId.clear();
    byId.set(mechanism.id.toLowerCase(), mechanism);
  };

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
      return readableBy(actor, await findMechanisms(db));
    },

    /** Finds a mechanism by its id, or its name (any dash for a hyphen, in any case). */
    async get(actor: Actor, ref: string): Promise<Mechanism> {
      const isId = UUID.test(ref);
      const cached = isId ? byId.get(ref.toLowerCase()) : undefined;
      if (cached) {
        authorize(actor, 'mechanism.read', { mechanismId: cached.id });
        return cached;
      }
      const [exact] = await findMechanisms(db, isId ? { id: ref } : { name: ref });
      if (exact && isId) remember(exact);
      if (!exact && isId) throw new AppError('MECHANISM.NOT_FOUND', `no mechanism "${ref}"`);
      const mechanism = exact ?? (await byNameAsTyped(actor, ref));
      authorize(actor, 'mechanism.read', { mechanismId: mechanism.id });
      return mechanism;
    },
  };
}

export type MechanismsService = ReturnType<typeof createMechanismsService>;
