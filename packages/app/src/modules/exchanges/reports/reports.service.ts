import { rows, candidateOf, seesInterview, type ExchangesDeps } from '../shared/index.ts';
import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { authorize, type Actor } from '../../access/index.ts';
import { buildReport, buildStageReport, type ReportPerson } from '../domain/report.ts';
import { countsForStage, type PersonState } from '../domain/person-path.ts';
import { checkParity } from '../domain/stage-plan.ts';
import { remainsRecords } from '../remains/index.ts';

/** Reports per agreement and per stage: counts only, so they are counted past the row policies. */
export function createReports(deps: ExchangesDeps) {
  const { db, mechanisms, agreements, eligibility, reconciliation } = deps;

  return {
    /**
     * The agreement's report: asked for and got, persons by category and state, stages and
     * their parity, disputes. Counts only, so they are counted past the row policies.
     */
    async report(actor: Actor, input: { mechanism: string; agreement: string }) {
      const { mechanism, agreement } = await agreements.version(
        actor,
        input.mechanism,
        input.agreement,
      );
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      const summary = await eligibility.summary(actor, {
        mechanism: mechanism.id,
        agreement: agreement.id,
      });
      const askedFor = Object.fromEntries(
        summary.lists.filter((l) => l.kind === 'sought').map((l) => [l.party, l.outcomes.eligible]),
      );
      const reconciled = await reconciliation.status(actor, mechanism.id).catch(() => null);
      const notAcknowledged = Object.fromEntries(
        (reconciled?.summary?.outcomes ?? [])
          .filter((row) => row.outcome === 'not_acknowledged')
          .map((row) => [row.party_code, row.n]),
      );
      const { persons, stages, batches } = await withScope(db, { system: 'on' }, async (trx) => ({
        persons: await rows.findPersons(trx, { agreementId: agreement.id }),
        stages: (await rows.findStages(trx, mechanism.id)).filter(
          (stage) => stage.agreement_id === agreement.id,
        ),
        batches: await remainsRecords.findBatchesWithBags(trx, mechanism.id),
      }));
      const parties: [string, string] = [mechanism.parties[0], mechanism.parties[1]];
      return buildReport({
        parties,
        seesInterview: seesInterview(actor, mechanism.id),
        askedFor,
        notAcknowledged,
        persons: persons.map(reportPersonOf),
        stages: stages.map((stage) => reportStageOf(stage, persons, parties)),
        remains: batches.map((batch) => ({
          from: batch.from_party,
          to: batch.to_party,
          state: batch.state,
          bags: batch.bags.map((bag) => ({ bodies: bag.bodies, state: bag.state })),
        })),
      });
    },

    /**
     * One stage's report: its persons by category and state, parity, surplus, who was returned,
     * and disputes. Counts only, so they are counted past the row policies.
     */
    async stageReport(actor: Actor, input: { mechanism: string; stageId: string }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      const { stage, persons } = await withScope(db, { system: 'on' }, async (trx) => {
        const stage = await rows.findStage(trx, input.stageId);
        if (!stage || stage.mechanism_id !== mechanism.id)
          throw new AppError('EXCHANGE.NOT_FOUND', `no stage ${input.stageId}`);
        const left = stage.surplus.map((s) => s.personId);
        return {
          stage,
          persons: [
            ...(await rows.findPersons(trx, {
              agreementId: stage.agreement_id,
              stageId: stage.id,
            })),
            // The surplus, for the side each belongs to (they may be in a later stage by now).
            ...(left.length
              ? (
                  await rows.findPersons(trx, { agreementId: stage.agreement_id, ids: left })
                ).filter((p) => p.stage_id !== stage.id)
              : []),
          ],
        };
      });
      const parties: [string, string] = [mechanism.parties[0], mechanism.parties[1]];
      return {
        stage: { id: stage.id, number: stage.number, status: stage.status },
        rows: buildStageReport({
          parties,
          seesInterview: seesInterview(actor, mechanism.id),
          stage: reportStageOf(stage, persons, parties),
          persons: persons.map(reportPersonOf),
        }),
      };
    },
  };
}

function reportPersonOf(person: rows.PersonRow): ReportPerson {
  return {
    id: person.id,
    party: person.party_code,
    receivingParty: person.receiving_party,
    category: person.category,
    state: person.state as PersonState,
    stageId: person.stage_id,
  };
}

/** A stage as the report counts it: parity of those who still count for it, as it stands now. */
function reportStageOf(
  stage: rows.StageRow,
  persons: readonly rows.PersonRow[],
  sides: readonly [string, string],
) {
  const partyOf = new Map(persons.map((p) => [p.id, p.party_code]));
  return {
    id: stage.id,
    number: stage.number,
    status: stage.status,
    surplus: stage.surplus.map((s) => ({
      party: partyOf.get(s.personId) ?? '',
      reason: s.reason,
    })),
    parity: checkParity(
      persons
        .filter((p) => p.stage_id === stage.id && countsForStage(p.state as PersonState))
        .map(candidateOf),
      stage.formula,
      sides,
    ),
  };
}

export type Reports = ReturnType<typeof createReports>;
