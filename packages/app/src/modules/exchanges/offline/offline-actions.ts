import type { Database } from '../../../platform/db/kysely.ts';
import { auditEvent } from '../../audit/index.ts';
import type { Actor } from '../../access/index.ts';
import { planAction, type HandoverRecord, type OfflineAction } from '../domain/handover-record.ts';
import { stateSeenByParty, type PersonState } from '../domain/person-path.ts';
import { rows, seesInterview, type ExchangeSteps, type ExchangesDeps } from '../shared/index.ts';
import type * as offline from './offline.repository.ts';

/**
 * One action recorded offline, applied at sync where it still fits the person and the stage: a
 * move on the person's path (a handover, a refusal, an arrival that confirms the receipt), a note
 * in the audit log (a check against the manifest, an arrival already confirmed), or a conflict
 * kept with what the server holds.
 */
export function createOfflineActions(deps: ExchangesDeps, steps: Pick<ExchangeSteps, 'moveOne'>) {
  const { audit } = deps;
  const { moveOne } = steps;

  return {
    /** Applies one action inside the record's transaction; the row to keep says what became of it. */
    applyAction: async (
      actor: Actor,
      trx: Database,
      stage: rows.StageRow,
      document: HandoverRecord,
      hash: string,
      action: OfflineAction,
      syncedAt: Date,
    ): Promise<{ row: offline.OfflineActionRow; moved: boolean }> => {
      const person = await rows.findPerson(trx, action.personId);
      const plan = planAction(action, document.signer, {
        person:
          person && person.mechanism_id === stage.mechanism_id
            ? {
                state: person.state as PersonState,
                stageId: person.stage_id,
                receivingParty: person.receiving_party,
              }
            : null,
        stage: { id: stage.id, status: stage.status },
        isNeutral: seesInterview(actor, stage.mechanism_id),
      });
      const row: offline.OfflineActionRow = {
        client_id: action.clientId,
        mechanism_id: stage.mechanism_id,
        stage_id: stage.id,
        record_id: '',
        person_id: person ? person.id : null,
        kind: action.kind,
        actor: actor.id,
        recorded_at: new Date(action.recordedAt),
        synced_at: syncedAt,
        outcome: 'applied',
        conflict: null,
        problem: null,
        server_state: null,
      };
      const times = { recordedAt: action.recordedAt, syncedAt: syncedAt.toISOString() };
      if ('conflict' in plan)
        return {
          row: {
            ...row,
            outcome: 'conflict',
            conflict: plan.conflict,
            problem: plan.problem,
            server_state: plan.serverState,
          },
          moved: false,
        };
      if (plan.apply === 'move') {
        const moved = await moveOne(actor, trx, {
          personId: action.personId,
          to: plan.to,
          ...(action.reason ? { reason: action.reason } : {}),
          ...(action.at ? { at: action.at } : {}),
          ...(action.place ? { place: action.place } : {}),
          offline: {
            clientId: action.clientId,
            record: hash,
            ...times,
            // An arrival's own time and place: a handover's are the move's.
            ...(plan.to === 'receipt_confirmed' && action.at ? { at: action.at } : {}),
            ...(plan.to === 'receipt_confirmed' && action.place ? { place: action.place } : {}),
          },
        });
        if (!moved.ok)
          return {
            row: {
              ...row,
              outcome: 'conflict',
              // The path allows the arrival; only the receipt's signatures are still missing.
              conflict: plan.to === 'receipt_confirmed' ? 'receipt_unsigned' : 'refused',
              problem: moved.problem,
              server_state: seesInterview(actor, stage.mechanism_id)
                ? person!.state
                : stateSeenByParty(person!.state as PersonState),
            },
            moved: false,
          };
        return { row: { ...row, server_state: plan.to }, moved: true };
      }
      await audit.record(
        trx,
        auditEvent(actor, 'exchange.offline.note', {
          mechanismId: stage.mechanism_id,
          objectIds: [person!.id, `${person!.list_version_id}/${person!.record_id}`],
          ...(action.reason ? { reason: action.reason } : {}),
          details: {
            kind: action.kind,
            offline: action.clientId,
            record: hash,
            ...times,
            ...(action.at ? { at: action.at } : {}),
            ...(action.place ? { place: action.place } : {}),
            ...(action.matches !== undefined ? { matches: action.matches } : {}),
          },
        }),
      );
      return { row: { ...row, server_state: person!.state }, moved: false };
    },
  };
}
