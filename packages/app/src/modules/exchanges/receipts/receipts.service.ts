import { rows, namesOf, NO_NAME, type PersonName } from '../shared/index.ts';
import * as repo from './receipts.repository.ts';
import type { Database } from '../../../platform/db/kysely.ts';
import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { authorize, rowScope, type Actor } from '../../access/index.ts';
import { auditEvent, type AuditLog } from '../../audit/index.ts';
import type { MechanismsService } from '../../mechanisms/index.ts';
import type { RegistryService } from '../../registry/index.ts';
import { stateSeenByParty, type PersonState, type SeenState } from '../domain/person-path.ts';
import { hashesIn } from '../domain/receipt-batch.ts';

export interface ReceiptsDeps {
  db: Database;
  mechanisms: MechanismsService;
  registry: RegistryService;
  audit: AuditLog;
}

type SignerRef = { role: string; party: string | null };

export interface StageReceipt extends PersonName {
  personId: string;
  recordId: string;
  party: string;
  receivingParty: string;
  state: SeenState;
  /** The person's handover receipt, once the verifier has issued it. */
  receipt: {
    id: string;
    hash: string;
    signed: SignerRef[];
    /** Who still has to sign before the receipt can be confirmed. */
    missing: SignerRef[];
  } | null;
}

/** The handover receipts of a stage's persons, for the verifier who issues them and the signers. */
export function createReceiptsService({ db, mechanisms, registry, audit }: ReceiptsDeps) {
  return {
    /** Each person of a stage the actor may see, with their receipt and who has signed it. */
    async ofStage(
      actor: Actor,
      input: { mechanism: string; stageId: string },
    ): Promise<StageReceipt[]> {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      const stage = await withScope(db, rowScope(actor), (scoped) =>
        rows.findStage(scoped, input.stageId),
      );
      if (!stage || stage.mechanism_id !== mechanism.id)
        throw new AppError('EXCHANGE.NOT_FOUND', `no stage ${input.stageId}`);
      const { persons, receipts, batches, signers } = await withScope(
        db,
        rowScope(actor),
        async (trx) => {
          const persons = await rows.findPersons(trx, {
            agreementId: stage.agreement_id,
            stageId: stage.id,
          });
          const receipts = await repo.findStageReceipts(trx, stage.id);
          return {
            persons,
            receipts,
            batches: (await rows.findReceiptBatches(trx, stage.id)).map((b) => ({
              hashes: new Set(hashesIn(b.document)),
              signers: b.signers,
            })),
            signers: await rows.findSigners(
              trx,
              receipts.map((r) => r.id),
            ),
          };
        },
      );
      await audit.record(
        null,
        auditEvent(actor, 'exchange.read', {
          mechanismId: mechanism.id,
          objectIds: persons.map((p) => `${p.list_version_id}/${p.record_id}`),
          details: { stage: stage.id, receipts: receipts.length },
        }),
      );
      const isNeutral =
        actor.isSystem ||
        actor.grants.some(
          (g) =>
            g.mechanismId === mechanism.id &&
            (g.role === 'mediator' || g.role === 'neutral_verifier'),
        );
      const names = await namesOf(registry, actor, mechanism.id, persons);
      return persons.map((person) => {
        const receipt = receipts.find((r) => r.person_id === person.id);
        const signed = signers
          .filter((s) => s.manifest_id === receipt?.id)
          .map((s) => ({ role: s.role, party: s.party_code || null }));
        // A signature of a batch that names the receipt is a signature of the receipt.
        for (const batch of batches)
          if (receipt && batch.hashes.has(receipt.hash))
            for (const s of batch.signers)
              if (!signed.some((t) => t.role === s.role && t.party === s.party)) signed.push(s);
        return {
          personId: person.id,
          recordId: person.record_id,
          ...(names.get(person.id) ?? NO_NAME),
          party: person.party_code,
          receivingParty: person.receiving_party,
          state: isNeutral
            ? (person.state as PersonState)
            : stateSeenByParty(person.state as PersonState),
          receipt: receipt
            ? {
                id: receipt.id,
                hash: receipt.hash,
                signed,
                missing: receipt.required_signers.filter(
                  (r) => !signed.some((s) => s.role === r.role && s.party === r.party),
                ),
              }
            : null,
        };
      });
    },
  };
}

export type ReceiptsService = ReturnType<typeof createReceiptsService>;
