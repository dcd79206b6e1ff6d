import { rows, pathActorsOf, type ExchangesDeps } from '../shared/index.ts';
import * as repo from './receipts.repository.ts';
import canonicalize from 'canonicalize';
import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent } from '../../audit/index.ts';
import { authorize, rowScope, type Actor } from '../../access/index.ts';
import type { Mechanism } from '../../mechanisms/index.ts';
import type { PersonLine, VersionId } from '../../registry/index.ts';
import { documentHash } from '../domain/signed-document.ts';

/** A person's handover receipt: who was handed over, by whom, to whom, when and where. */
function receiptDocument(
  mechanism: Mechanism,
  stage: rows.StageRow,
  manifestHash: string | null,
  person: rows.PersonRow,
  line: PersonLine | null,
) {
  return {
    format: 'parley-receipt/1',
    mechanism: { id: mechanism.id, name: mechanism.name },
    stage: { id: stage.id, number: stage.number, place: stage.place, date: stage.date },
    manifest: manifestHash,
    person: {
      recordId: person.record_id,
      from: person.party_code,
      to: person.receiving_party,
      surname: line?.surname ?? line?.surnameLatin ?? null,
      givenName: line?.givenName ?? line?.givenNameLatin ?? null,
      dateOfBirth: line?.dateOfBirth ?? null,
    },
    handedOverAt: (person.handed_over_at ?? person.updated_at).toISOString(),
    handoverPlace: person.handover_place ?? stage.place,
  };
}

/** The handover receipt of a person, issued by the neutral verifier for both to sign. */
export function createReceiptIssue(deps: ExchangesDeps) {
  const { db, mechanisms, registry, audit } = deps;

  /** Issues the receipts of persons handed over in one stage, each answered on its own. */
  async function issueFor(
    actor: Actor,
    mechanism: Mechanism,
    stage: rows.StageRow,
    persons: readonly rows.PersonRow[],
  ) {
    const manifest = await withScope(db, rowScope(actor), async (scoped) =>
      (await rows.findManifests(scoped, stage.id)).at(-1),
    );
    const lines = persons.length
      ? await registry.records(
          actor,
          mechanism.id,
          persons.map((person) => ({
            party: person.party_code,
            kind: 'held' as const,
            versionId: person.list_version_id as VersionId,
            recordId: person.record_id,
          })),
        )
      : [];
    return withScope(db, rowScope(actor), async (trx) => {
      const results = [];
      for (const [i, person] of persons.entries()) {
        if (person.state !== 'handed_over') {
          results.push({
            personId: person.id,
            ok: false as const,
            problem: `a receipt is issued for a person handed over, not one who is ${person.state.replaceAll('_', ' ')}`,
          });
          continue;
        }
        if (await rows.findReceipt(trx, person.id)) {
          results.push({
            personId: person.id,
            ok: false as const,
            problem: `${person.record_id} has a receipt already`,
          });
          continue;
        }
        const document = receiptDocument(
          mechanism,
          stage,
          manifest?.hash ?? null,
          person,
          lines[i] ?? null,
        );
        const hash = documentHash(document);
        const receiptId = await rows.insertManifest(trx, {
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
        results.push({ personId: person.id, ok: true as const, receiptId, hash });
      }
      return results;
    });
  }

  /** Refuses an actor who is not the mechanism's neutral verifier. */
  function mustBeVerifier(actor: Actor, person: rows.PersonRow) {
    if (!pathActorsOf(actor, person).includes('neutral_verifier'))
      throw new AppError('ACCESS.FORBIDDEN', 'the neutral verifier issues handover receipts');
  }

  return {
    /**
     * Issues the receipt of a person handed over: what the receiving party's officer and the
     * neutral verifier sign, before the receipt is confirmed.
     */
    async issueReceipt(actor: Actor, input: { mechanism: string; personId: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.move', { mechanismId: mechanism.id });
      const found = await withScope(db, rowScope(actor), async (trx) => {
        const person = await rows.findPerson(trx, input.personId);
        const stage = person?.stage_id ? await rows.findStage(trx, person.stage_id) : undefined;
        return person && stage ? { person, stage } : null;
      });
      if (!found || found.person.mechanism_id !== mechanism.id)
        throw new AppError('EXCHANGE.NOT_FOUND', `no person ${input.personId} in a stage`);
      mustBeVerifier(actor, found.person);
      const [result] = await issueFor(actor, mechanism, found.stage, [found.person]);
      if (!result?.ok) throw new AppError('EXCHANGE.MOVE_REFUSED', result?.problem ?? 'refused');
      return { receiptId: result.receiptId, hash: result.hash };
    },

    /** Issues in one go the receipt of every person of a stage handed over without one. */
    async issueStageReceipts(actor: Actor, input: { mechanism: string; stageId: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.move', { mechanismId: mechanism.id });
      const found = await withScope(db, rowScope(actor), async (trx) => {
        const stage = await rows.findStage(trx, input.stageId);
        if (!stage || stage.mechanism_id !== mechanism.id) return null;
        const persons = await rows.findPersons(trx, {
          agreementId: stage.agreement_id,
          stageId: stage.id,
          state: 'handed_over',
        });
        const issued = new Set(
          (await repo.findStageReceipts(trx, stage.id)).map((r) => r.person_id),
        );
        return { stage, persons: persons.filter((p) => !issued.has(p.id)) };
      });
      if (!found) throw new AppError('EXCHANGE.NOT_FOUND', `no stage ${input.stageId}`);
      if (
        !actor.isSystem &&
        !actor.grants.some((g) => g.mechanismId === mechanism.id && g.role === 'neutral_verifier')
      )
        throw new AppError('ACCESS.FORBIDDEN', 'the neutral verifier issues handover receipts');
      return issueFor(actor, mechanism, found.stage, found.persons);
    },
  };
}

export type ReceiptIssue = ReturnType<typeof createReceiptIssue>;
