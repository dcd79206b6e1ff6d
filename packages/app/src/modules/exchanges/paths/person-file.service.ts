import { rows, seesInterview, type ExchangesDeps, nameOf } from '../shared/index.ts';
import * as repo from './paths.repository.ts';
import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent } from '../../audit/index.ts';
import { authorize, isAllowed, rowScope, type Actor } from '../../access/index.ts';
import type { VersionId } from '../../registry/index.ts';
import { stateSeenByParty, type PersonState } from '../domain/person-path.ts';

/**
 * One person's whole file, for the roles of the exchange: the holding party's line, the match
 * with the other side's line and why, eligibility and the deciding clause, each move on the path
 * and who made it, and the handover receipt. Each part is there only for a role that may read it
 * (a party reads its own lists; the mediator and the verifier the match); every read is audited.
 */
export function createPersonFile(deps: ExchangesDeps) {
  const { db, mechanisms, eligibility, reconciliation, registry, audit } = deps;

  return {
    async personFile(actor: Actor, input: { mechanism: string; personId: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      const found = await withScope(db, rowScope(actor), async (trx) => {
        const person = await rows.findPerson(trx, input.personId);
        if (!person || person.mechanism_id !== mechanism.id) return null;
        const receipt = await rows.findReceipt(trx, person.id);
        return {
          person,
          stage: person.stage_id ? await rows.findStage(trx, person.stage_id) : null,
          transitions: await repo.findTransitions(trx, person.id),
          receipt,
          signatures: receipt ? await rows.findSignatures(trx, receipt.id) : [],
        };
      });
      if (!found) throw new AppError('EXCHANGE.NOT_FOUND', `no person ${input.personId}`);
      const { person, stage, transitions, receipt, signatures } = found;
      const isNeutral = seesInterview(actor, mechanism.id);
      const seen = (state: string) =>
        isNeutral ? (state as PersonState) : stateSeenByParty(state as PersonState);
      const target = { mechanismId: mechanism.id, party: person.party_code };
      const held = isAllowed(actor, 'list.read', target)
        ? ((
            await registry.records(actor, mechanism.id, [
              {
                party: person.party_code,
                kind: 'held',
                versionId: person.list_version_id as VersionId,
                recordId: person.record_id,
              },
            ])
          )[0] ?? null)
        : null;
      const match = isAllowed(actor, 'reconciliation.read', { mechanismId: mechanism.id })
        ? await reconciliation.matchOf(actor, mechanism.id, {
            party: person.party_code,
            kind: 'held',
            recordId: person.record_id,
          })
        : null;
      const decided = isAllowed(actor, 'eligibility.read', target)
        ? (
            await eligibility.results(actor, {
              mechanism: mechanism.id,
              agreement: person.agreement_id,
              party: person.party_code,
              kind: 'held',
              recordId: person.record_id,
              listVersionId: person.list_version_id,
              offset: 0,
              limit: 1,
            })
          ).results[0]
        : undefined;
      await audit.record(
        null,
        auditEvent(actor, 'exchange.read', {
          mechanismId: mechanism.id,
          objectIds: [person.id, `${person.list_version_id}/${person.record_id}`],
          details: { file: true },
        }),
      );
      return {
        person: {
          id: person.id,
          agreementId: person.agreement_id,
          party: person.party_code,
          receivingParty: person.receiving_party,
          recordId: person.record_id,
          category: person.category,
          rank: person.rank,
          state: seen(person.state),
          ...nameOf(held),
        },
        stage: stage
          ? {
              id: stage.id,
              number: stage.number,
              place: stage.place,
              date: stage.date,
              status: stage.status,
            }
          : null,
        held,
        match,
        eligibility: decided ?? null,
        path: transitions
          // A party does not learn the wish interview's steps, only that the person was cleared.
          .filter((t) => isNeutral || seen(t.from_state) !== seen(t.to_state))
          .map((t) => ({
            from: seen(t.from_state),
            to: seen(t.to_state),
            reason: isNeutral ? t.reason : null,
            actor: t.actor,
            at: t.at.toISOString(),
          })),
        receipt: receipt
          ? {
              id: receipt.id,
              hash: receipt.hash,
              issuedAt: receipt.created_at.toISOString(),
              required: receipt.required_signers,
              signatures: signatures.map((s) => ({
                role: s.role,
                party: s.party_code || null,
                signer: s.signer,
                signedAt: s.signed_at.toISOString(),
              })),
            }
          : null,
      };
    },
  };
}

export type PersonFile = ReturnType<typeof createPersonFile>;
