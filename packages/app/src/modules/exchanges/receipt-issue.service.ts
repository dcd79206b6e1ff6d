import canonicalize from 'canonicalize';
import { withScope } from '../../platform/db/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { auditEvent } from '../audit/index.ts';
import { authorize, rowScope, type Actor } from '../access/index.ts';
import type { VersionId } from '../registry/index.ts';
import { documentHash } from './domain/signed-document.ts';
import { pathActorsOf, type ExchangesDeps } from './exchanges.internal.ts';
import * as repo from './exchanges.repository.ts';

/** The handover receipt of a person, issued by the neutral verifier for both to sign. */
export function createReceiptIssue(deps: ExchangesDeps) {
  const { db, mechanisms, registry, audit } = deps;

  return {
    /**
     * Issues the receipt of a person handed over: what the receiving party's officer and the
     * neutral verifier sign, before the receipt is confirmed.
     */
    async issueReceipt(actor: Actor, input: { mechanism: string; personId: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.move', { mechanismId: mechanism.id });
      const person = await withScope(db, rowScope(actor), (trx) =>
        repo.findPerson(trx, input.personId),
      );
      if (!person || person.mechanism_id !== mechanism.id || !person.stage_id)
        throw new AppError('EXCHANGE.NOT_FOUND', `no person ${input.personId} in a stage`);
      if (!pathActorsOf(actor, person).includes('neutral_verifier'))
        throw new AppError('ACCESS.FORBIDDEN', 'the neutral verifier issues handover receipts');
      if (person.state !== 'handed_over')
        throw new AppError(
          'EXCHANGE.MOVE_REFUSED',
          `a receipt is issued for a person handed over, not one who is ${person.state.replaceAll('_', ' ')}`,
        );
      const stageId = person.stage_id;
      const { stage, manifest } = await withScope(db, rowScope(actor), async (scoped) => {
        const found = (await repo.findStage(scoped, stageId))!;
        return { stage: found, manifest: (await repo.findManifests(scoped, found.id))[0] };
      });
      const [line] = await registry.records(actor, mechanism.id, [
        {
          party: person.party_code,
          kind: 'held',
          versionId: person.list_version_id as VersionId,
          recordId: person.record_id,
        },
      ]);
      const document = {
        format: 'parley-receipt/1',
        mechanism: { id: mechanism.id, name: mechanism.name },
        stage: { id: stage.id, number: stage.number, place: stage.place, date: stage.date },
        manifest: manifest?.hash ?? null,
        person: {
          recordId: person.record_id,
          from: person.party_code,
          to: person.receiving_party,
          surname: line?.surname ?? line?.surnameLatin ?? null,
          givenName: line?.givenName ?? line?.givenNameLatin ?? null,
          dateOfBirth: line?.dateOfBirth ?? null,
        },
        handedOverAt: person.updated_at.toISOString(),
      };
      const hash = documentHash(document);
      return withScope(db, rowScope(actor), async (trx) => {
        if (await repo.findReceipt(trx, person.id))
          throw new AppError('EXCHANGE.MOVE_REFUSED', `${person.record_id} has a receipt already`);
        const receiptId = await repo.insertManifest(trx, {
          mechanismId: mechanism.id,
          stageId: stage.id,
          kind: 'parley-receipt/1',
          document: canonicalize(document)!,
          hash,
          requiredSigners: [
            { role: 'party_officer', party: person.receiving_party },
            { role: 'neutral_verifier', party: null },
          ],
          supersedes: null,
          personId: person.id,
          createdBy: actor.id,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.receipt.issue', {
            mechanismId: mechanism.id,
            objectIds: [receiptId, person.id],
            details: { hash },
          }),
        );
        return { receiptId, hash };
      });
    },
  };
}
