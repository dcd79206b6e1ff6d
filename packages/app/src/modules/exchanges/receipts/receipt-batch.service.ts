import { rows, type ExchangesDeps } from '../shared/index.ts';
import * as repo from './receipts.repository.ts';
import canonicalize from 'canonicalize';
import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent } from '../../audit/index.ts';
import { authorize, rowScope, type Actor } from '../../access/index.ts';
import { documentHash } from '../domain/signed-document.ts';
import { hashesIn, type ReceiptBatchDocument } from '../domain/receipt-batch.ts';

/**
 * One document over all of a stage's receipts, which each receiving party's officer and the
 * neutral verifier sign once instead of each receipt; verified offline like a manifest.
 */
export function createReceiptBatches(deps: ExchangesDeps) {
  const { db, mechanisms, audit } = deps;

  return {
    /**
     * The batch of a stage's receipts as they stand: the latest batch when it names every receipt
     * issued, else a new one (an earlier batch keeps what was signed on it).
     */
    async receiptBatch(actor: Actor, input: { mechanism: string; stageId: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.sign', { mechanismId: mechanism.id });
      return withScope(db, rowScope(actor), async (trx) => {
        const stage = await rows.findStage(trx, input.stageId);
        if (!stage || stage.mechanism_id !== mechanism.id)
          throw new AppError('EXCHANGE.NOT_FOUND', `no stage ${input.stageId}`);
        const receipts = await repo.findStageReceipts(trx, stage.id);
        if (receipts.length === 0)
          throw new AppError(
            'EXCHANGE.MOVE_REFUSED',
            `stage ${stage.number} has no receipt yet: the verifier issues them first`,
          );
        const persons = await rows.findPersons(trx, {
          agreementId: stage.agreement_id,
          stageId: stage.id,
        });
        const named = receipts
          .map((r) => {
            const person = persons.find((p) => p.id === r.person_id);
            return {
              recordId: person?.record_id ?? '',
              from: person?.party_code ?? '',
              to: person?.receiving_party ?? '',
              hash: r.hash,
            };
          })
          .sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
        const latest = (await rows.findReceiptBatches(trx, stage.id)).at(-1);
        const wanted = named.map((r) => r.hash).sort();
        if (latest && hashesIn(latest.document).sort().join() === wanted.join())
          return { batchId: latest.id, hash: latest.hash, receipts: named.length, isNew: false };
        const document: ReceiptBatchDocument = {
          format: 'parley-receipt-batch/1',
          mechanism: { id: mechanism.id, name: mechanism.name },
          stage: { id: stage.id, number: stage.number, place: stage.place, date: stage.date },
          receipts: named,
        };
        const hash = documentHash(document);
        const receiving = [...new Set(named.map((r) => r.to))].sort();
        const batchId = await rows.insertManifest(trx, {
          mechanismId: mechanism.id,
          stageId: stage.id,
          kind: 'parley-receipt-batch/1',
          document: canonicalize(document)!,
          hash,
          requiredSigners: [
            ...receiving.map((party) => ({ role: 'party_officer', party })),
            { role: 'neutral_verifier', party: null },
          ],
          supersedes: latest?.id ?? null,
          createdBy: actor.id,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.receipt.batch', {
            mechanismId: mechanism.id,
            objectIds: [batchId, stage.id],
            details: { hash, receipts: named.length },
          }),
        );
        return { batchId, hash, receipts: named.length, isNew: true };
      });
    },
  };
}

export type ReceiptBatches = ReturnType<typeof createReceiptBatches>;
