import type { Database } from '../../../platform/db/kysely.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../../audit/index.ts';
import { authorize, type Actor } from '../../access/index.ts';
import type { Mechanism, MechanismsService } from '../../mechanisms/index.ts';
import { readListRows, type ListFileInput } from '../../registry/index.ts';
import { readBagsFile } from './bags-file.ts';
import { findBatchesWithBags } from './remains.repository.ts';
import {
  batchStepOf,
  mayExamine,
  remainsParity,
  type BagState,
  type BatchState,
} from '../domain/remains.ts';

export interface RemainsDeps {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
}

/** Batches of remains between the parties, their bags, and parity of bodies. */
export function createRemainsService({ db, mechanisms, audit }: RemainsDeps) {
  /** Whether the actor is the party officer of a party, or the operator's command line. */
  const actsFor = (actor: Actor, mechanism: Mechanism, party: string) =>
    actor.isSystem ||
    actor.grants.some(
      (g) => g.mechanismId === mechanism.id && g.role === 'party_officer' && g.party === party,
    );

  async function batchOf(mechanism: Mechanism, batchId: string) {
    const batch = await db
      .selectFrom('remains_batch')
      .selectAll()
      .where('id', '=', batchId)
      .executeTakeFirst();
    if (!batch || batch.mechanism_id !== mechanism.id)
      throw new AppError('EXCHANGE.NOT_FOUND', `no batch of remains ${batchId}`);
    return batch;
  }

  /** The sending and the receiving party of a batch the actor offers, if the actor may offer it. */
  function offeringParties(actor: Actor, mechanism: Mechanism, sender: string) {
    authorize(actor, 'exchange.move', { mechanismId: mechanism.id });
    const from = sender.toUpperCase();
    const to = mechanism.parties.find((p) => p !== from);
    if (!to || !(mechanism.parties as readonly string[]).includes(from))
      throw new AppError(
        'REGISTRY.PARTY_NOT_IN_MECHANISM',
        `${sender} is not a party of ${mechanism.name}`,
      );
    if (!actsFor(actor, mechanism, from))
      throw new AppError(
        'ACCESS.FORBIDDEN',
        `only ${from}'s party officer offers ${from}'s batches`,
      );
    return { from, to };
  }

  const service = {
    /** The sending party offers a batch: its bags, each with the number of bodies it holds. */
    async offer(
      actor: Actor,
      input: {
        mechanism: string;
        from: string;
        label: string;
        bags: ReadonlyArray<{ label: string; bodies: number }>;
      },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      const { from, to } = offeringParties(actor, mechanism, input.from);
      const labels = new Set(input.bags.map((b) => b.label));
      if (input.bags.length === 0 || labels.size !== input.bags.length)
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          'bags: at least one, each with its own label',
        );
      return db.transaction().execute(async (trx) => {
        const { id } = await trx
          .insertInto('remains_batch')
          .values({
            mechanism_id: mechanism.id,
            from_party: from,
            to_party: to,
            label: input.label,
            state: 'offered',
            created_by: actor.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('remains_bag')
          .values(
            input.bags.map((b) => ({
              batch_id: id,
              label: b.label,
              bodies: b.bodies,
              state: 'pending' as const,
            })),
          )
          .execute();
        const bodies = input.bags.reduce((sum, b) => sum + b.bodies, 0);
        await audit.record(
          trx,
          auditEvent(actor, 'remains.offer', {
            mechanismId: mechanism.id,
            objectIds: [id],
            details: { from, to, label: input.label, bags: input.bags.length, bodies },
          }),
        );
        return { id, bags: input.bags.length, bodies };
      });
    },

    /** The next step of a batch: accepted and received by the receiving side, transferred by the sender. */
    async advance(actor: Actor, input: { mechanism: string; batchId: string; to: BatchState }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.move', { mechanismId: mechanism.id });
      const batch = await batchOf(mechanism, input.batchId);
      const step = batchStepOf(batch.state);
      if (!step || step.to !== input.to)
        throw new AppError(
          'EXCHANGE.MOVE_REFUSED',
          step
            ? `batch ${batch.label} is ${batch.state}: next it is ${step.to}`
            : `batch ${batch.label} is received already`,
        );
      const party = step.by === 'sending' ? batch.from_party : batch.to_party;
      if (!actsFor(actor, mechanism, party))
        throw new AppError('ACCESS.FORBIDDEN', `only ${party}'s party officer records ${input.to}`);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('remains_batch')
          .set({ state: input.to })
          .where('id', '=', batch.id)
          .execute();
        await audit.record(
          trx,
          auditEvent(actor, 'remains.advance', {
            mechanismId: mechanism.id,
            objectIds: [batch.id],
            details: { from: batch.state, to: input.to },
          }),
        );
      });
      return { id: batch.id, state: input.to };
    },

    /**
     * The receiving side (or the neutral verifier) records what a bag held: identified,
     * unidentified, or the other side's own dead (foreign: they go back, and count for no one).
     */
    async examine(
      actor: Actor,
      input: { mechanism: string; bagId: string; to: BagState; bodies?: number; note?: string },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.move', { mechanismId: mechanism.id });
      const bag = await db
        .selectFrom('remains_bag')
        .selectAll()
        .where('id', '=', input.bagId)
        .executeTakeFirst();
      if (!bag) throw new AppError('EXCHANGE.NOT_FOUND', `no bag ${input.bagId}`);
      const batch = await batchOf(mechanism, bag.batch_id);
      const isVerifier = actor.grants.some(
        (g) => g.mechanismId === mechanism.id && g.role === 'neutral_verifier',
      );
      if (!isVerifier && !actsFor(actor, mechanism, batch.to_party))
        throw new AppError(
          'ACCESS.FORBIDDEN',
          `only ${batch.to_party}'s party officer or the verifier examines`,
        );
      const problem = mayExamine(batch.state, bag.state, input.to);
      if (problem) throw new AppError('EXCHANGE.MOVE_REFUSED', `bag ${bag.label}: ${problem}`);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('remains_bag')
          .set({
            state: input.to,
            ...(input.bodies ? { bodies: input.bodies } : {}),
            ...(input.note ? { note: input.note } : {}),
          })
          .where('id', '=', bag.id)
          .execute();
        await audit.record(
          trx,
          auditEvent(actor, 'remains.examine', {
            mechanismId: mechanism.id,
            objectIds: [batch.id, bag.id],
            details: { from: bag.state, to: input.to, bodies: input.bodies ?? bag.bodies },
            ...(input.note ? { reason: input.note } : {}),
          }),
        );
      });
      return { id: bag.id, state: input.to };
    },

    /** Every batch with its bags, and parity of bodies between the directions. */
    async overview(actor: Actor, mechanismRef: string) {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      const batches = await findBatchesWithBags(db, mechanism.id);
      const parity = remainsParity(
        [mechanism.parties[0], mechanism.parties[1]],
        batches.flatMap((batch) =>
          batch.bags.map((bag) => ({
            from: batch.from_party,
            to: batch.to_party,
            bodies: bag.bodies,
            state: bag.state,
            batchState: batch.state,
          })),
        ),
      );
      return {
        batches: batches.map((batch) => ({
          id: batch.id,
          label: batch.label,
          from: batch.from_party,
          to: batch.to_party,
          state: batch.state,
          bags: batch.bags.map((bag) => ({
            id: bag.id,
            label: bag.label,
            bodies: bag.bodies,
            state: bag.state,
            note: bag.note,
          })),
        })),
        parity,
      };
    },

    /**
     * The sending party offers a batch whose bags are read from a file (CSV or XLSX, the columns
     * label and bodies), as lists are read: all or nothing, every problem by line and column.
     */
    async offerFile(
      actor: Actor,
      input: { mechanism: string; from: string; label: string; file: ListFileInput },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      // Asked before the file is read: who may not offer learns nothing of what is wrong in it.
      offeringParties(actor, mechanism, input.from);
      const { bags, problems } = await readBagsFile(readListRows(input.file));
      if (problems.length > 0) {
        throw new AppError(
          'REGISTRY.IMPORT_REJECTED',
          `${input.file.name} was not imported: ${problems.length} error${problems.length === 1 ? '' : 's'}`,
          { errors: problems, warnings: [] },
        );
      }
      return service.offer(actor, { ...input, mechanism: mechanism.id, bags });
    },
  };
  return service;
}

export type RemainsService = ReturnType<typeof createRemainsService>;
