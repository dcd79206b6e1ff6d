import {
  rows,
  candidateOf,
  seesInterview,
  stageState,
  type ExchangeSteps,
  type ExchangesDeps,
  namesOf,
} from '../shared/index.ts';
import * as repo from './stages.repository.ts';
import { parsePartialDate } from '@parley/kernel/person-record';
import canonicalize from 'canonicalize';
import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent } from '../../audit/index.ts';
import { authorize, rowScope, type Actor } from '../../access/index.ts';
import { countsForStage, stateSeenByParty, type PersonState } from '../domain/person-path.ts';
import { documentHash } from '../domain/signed-document.ts';
import { planStage } from '../domain/stage-plan.ts';

/** Stages at parity: proposed, read, a person withdrawn and replaced, approved with a manifest. */
export function createStages(deps: ExchangesDeps, steps: ExchangeSteps) {
  const { db, mechanisms, agreements, registry, audit } = deps;
  const { moveOne, refill, stageManifest } = steps;

  return {
    /** Proposes a stage from the persons cleared to go (wish verified or approved), at parity. */
    async proposeStage(
      actor: Actor,
      input: { mechanism: string; agreement: string; place: string; date: string; size?: number },
    ) {
      const day = parsePartialDate(input.date);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || !day.ok) {
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          `the stage's date "${input.date}" is not a day of the calendar in the form YYYY-MM-DD`,
        );
      }
      const { mechanism, agreement, version } = await agreements.version(
        actor,
        input.mechanism,
        input.agreement,
      );
      authorize(actor, 'exchange.manage', { mechanismId: mechanism.id });
      return withScope(db, rowScope(actor), async (trx) => {
        const ready = (await rows.findPersons(trx, { agreementId: agreement.id })).filter(
          (p) => (p.state === 'wish_verified' || p.state === 'approved') && !p.stage_id,
        );
        const plan = planStage(ready.map(candidateOf), version.definition.formula, {
          sides: [mechanism.parties[0], mechanism.parties[1]],
          ...(input.size ? { size: input.size } : {}),
        });
        if (plan.selected.length === 0) {
          throw new AppError(
            'VALIDATION.INVALID_INPUT',
            'no one is cleared to go (wish verified or approved, and in no stage): there is no stage to propose',
          );
        }
        const number = await repo.nextStageNumber(trx, mechanism.id, version.id);
        const surplus = plan.surplus.map((s) => ({ personId: s.candidate.id, reason: s.reason }));
        const stageId = await repo.insertStage(trx, {
          mechanismId: mechanism.id,
          agreementId: agreement.id,
          agreementVersionId: version.id,
          formula: version.definition.formula,
          number,
          place: input.place,
          date: input.date,
          surplus,
          createdBy: actor.id,
        });
        await rows.setStage(
          trx,
          plan.selected.map((c) => c.id),
          stageId,
        );
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.stage.propose', {
            mechanismId: mechanism.id,
            objectIds: [stageId, version.id],
            details: { number, selected: plan.selected.length, surplus: surplus.length },
          }),
        );
        return { stageId, number, selected: plan.selected.length, surplus, parity: plan.parity };
      });
    },

    /** A stage with its persons and parity, checked again as it stands. */
    async stage(actor: Actor, input: { mechanism: string; stageId: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      const found = await withScope(db, rowScope(actor), (trx) =>
        stageState(trx, mechanism, input.stageId),
      );
      const state = {
        ...found,
        names: await namesOf(registry, actor, mechanism.id, found.persons),
      };
      if (seesInterview(actor, mechanism.id)) return state;
      return {
        ...state,
        persons: state.persons.map((p) => ({
          ...p,
          state: stateSeenByParty(p.state as PersonState),
        })),
      };
    },

    /**
     * Withdraws a person from a stage that is not yet approved, for a reason, and fills the
     * place with the next person at parity when there is one.
     */
    async withdraw(actor: Actor, input: { mechanism: string; personId: string; reason: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.manage', { mechanismId: mechanism.id });
      return withScope(db, rowScope(actor), async (trx) => {
        const person = await rows.findPerson(trx, input.personId);
        if (!person?.stage_id || person.mechanism_id !== mechanism.id)
          throw new AppError('EXCHANGE.NOT_FOUND', `no person ${input.personId} in a stage`);
        const stage = await rows.findStage(trx, person.stage_id);
        if (stage?.status !== 'proposed')
          throw new AppError(
            'EXCHANGE.STAGE_FROZEN',
            'the stage is approved: its manifest is frozen; correct it with a new manifest',
          );
        const moved = await moveOne(
          actor,
          trx,
          { personId: person.id, to: 'withdrawn', reason: input.reason },
          null,
        );
        if (!moved.ok) throw new AppError('EXCHANGE.MOVE_REFUSED', moved.problem);
        const replacement = await refill(actor, trx, mechanism, person, stage, input.reason);
        return { withdrawn: person.id, replacement };
      });
    },

    /**
     * Approves a stage at parity: its persons are assigned to it and its manifest is frozen for
     * each party officer and the mediator to sign.
     */
    async approveStage(actor: Actor, input: { mechanism: string; stageId: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.manage', { mechanismId: mechanism.id });
      // First what other modules know (each reads in its own transaction): the persons' lines
      // and the agreement; then one transaction checks the stage again and freezes it.
      const before = await withScope(db, rowScope(actor), (trx) =>
        stageState(trx, mechanism, input.stageId),
      );
      const going = readyToGo(before);
      const manifest = await stageManifest(actor, mechanism, before.stage, going, null);
      const hash = documentHash(manifest);
      return withScope(db, rowScope(actor), async (trx) => {
        const now = readyToGo(await stageState(trx, mechanism, input.stageId));
        if (now.map((p) => p.id).join() !== going.map((p) => p.id).join()) {
          throw new AppError(
            'EXCHANGE.STAGE_FROZEN',
            `stage ${before.stage.number} changed while it was being approved: approve it again`,
          );
        }
        for (const person of going) {
          const moved = await moveOne(
            actor,
            trx,
            { personId: person.id, to: 'assigned' },
            before.stage.id,
          );
          if (!moved.ok)
            throw new AppError('EXCHANGE.MOVE_REFUSED', `${person.record_id}: ${moved.problem}`);
        }
        const manifestId = await rows.insertManifest(trx, {
          mechanismId: mechanism.id,
          stageId: before.stage.id,
          kind: 'parley-manifest/1',
          document: canonicalize(manifest)!,
          hash,
          requiredSigners: [
            ...mechanism.parties.map((party) => ({ role: 'party_officer', party })),
            { role: 'mediator', party: null },
          ],
          supersedes: null,
          createdBy: actor.id,
        });
        await rows.setStageStatus(trx, before.stage.id, 'approved');
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.stage.approve', {
            mechanismId: mechanism.id,
            objectIds: [before.stage.id, manifestId],
            details: { hash, persons: going.length },
          }),
        );
        return { manifestId, hash, persons: going.length };
      });
    },
    async stages(actor: Actor, mechanismRef: string) {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      return withScope(db, rowScope(actor), (scoped) => rows.findStages(scoped, mechanism.id));
    },
  };
}

/** The persons a proposed stage at parity hands over; refuses a stage that is not ready. */
function readyToGo(state: {
  stage: rows.StageRow;
  persons: rows.PersonRow[];
  parity: { isBalanced: boolean };
}): rows.PersonRow[] {
  if (state.stage.status !== 'proposed')
    throw new AppError(
      'EXCHANGE.STAGE_FROZEN',
      `stage ${state.stage.number} is ${state.stage.status} already`,
    );
  if (!state.parity.isBalanced)
    throw new AppError(
      'EXCHANGE.NOT_AT_PARITY',
      `stage ${state.stage.number} is not at parity`,
      state.parity,
    );
  const going = state.persons.filter((p) => countsForStage(p.state as PersonState));
  const notReady = going.filter((p) => p.state !== 'approved');
  if (going.length === 0) throw new AppError('EXCHANGE.MOVE_REFUSED', 'the stage has no one in it');
  if (notReady.length > 0)
    throw new AppError(
      'EXCHANGE.MOVE_REFUSED',
      `${notReady.length} person(s) of the stage are not approved by both sides yet (first: ${notReady[0]!.record_id})`,
    );
  return going;
}

export type Stages = ReturnType<typeof createStages>;
