import {
  rows,
  seesInterview,
  type ExchangeSteps,
  type ExchangesDeps,
  type Move,
  namesOf,
  NO_NAME,
} from '../shared/index.ts';
import * as repo from './paths.repository.ts';
import type { Database } from '../../../platform/db/kysely.ts';
import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent } from '../../audit/index.ts';
import { authorize, rowScope, type Actor } from '../../access/index.ts';
import { EXCEPTIONS, stateSeenByParty, type PersonState } from '../domain/person-path.ts';

const PAGE = 1_000;
/** Moves of one request committed together (each is still checked and reported on its own). */
const MOVES_PER_TRANSACTION = 100;

/** Persons on their path to the handover: opened from an agreement, read, and moved. */
export function createPersonPaths(deps: ExchangesDeps, steps: ExchangeSteps) {
  const { db, mechanisms, agreements, eligibility, reconciliation, registry, audit } = deps;
  const { moveOne, refill, followPersons } = steps;

  /** A person as the actor may see them: the parties see only whether the person was cleared. */
  function personView(actor: Actor, person: rows.PersonRow) {
    const isNeutral = seesInterview(actor, person.mechanism_id);
    return {
      id: person.id,
      party: person.party_code,
      receivingParty: person.receiving_party,
      recordId: person.record_id,
      category: person.category,
      rank: person.rank,
      state: isNeutral
        ? (person.state as PersonState)
        : stateSeenByParty(person.state as PersonState),
      stageId: person.stage_id,
    };
  }

  return {
    /**
     * Puts on the path every person an agreement makes eligible on each party's latest held
     * list: acknowledged when the latest reconciliation matched the line, else proposed.
     */
    async openPaths(actor: Actor, input: { mechanism: string; agreement: string }) {
      const { mechanism, agreement, version } = await agreements.version(
        actor,
        input.mechanism,
        input.agreement,
      );
      authorize(actor, 'exchange.manage', { mechanismId: mechanism.id });
      const persons: Parameters<typeof repo.insertPersons>[1][number][] = [];
      for (const party of mechanism.parties) {
        const receivingParty = mechanism.parties.find((p) => p !== party)!;
        const acknowledged = new Set<string>();
        for (let offset = 0; ; offset += PAGE) {
          const page = await reconciliation
            .outcomes(actor, mechanism.id, {
              party,
              kind: 'held',
              outcome: 'acknowledged',
              offset,
              limit: PAGE,
            })
            .catch((error: unknown) => {
              if (error instanceof AppError && error.code === 'RECONCILIATION.NOT_RUN') return null;
              throw error;
            });
          for (const o of page?.outcomes ?? []) acknowledged.add(o.record_id);
          if (!page || page.outcomes.length < PAGE) break;
        }
        for (let offset = 0; ; offset += PAGE) {
          const page = await eligibility.results(actor, {
            mechanism: mechanism.id,
            agreement: agreement.id,
            version: version.number,
            party,
            kind: 'held',
            outcome: 'eligible',
            offset,
            limit: PAGE,
          });
          if (!page.listVersion) break;
          const lines = await registry.records(
            actor,
            mechanism.id,
            page.results.map((r) => ({
              party,
              kind: 'held' as const,
              versionId: page.listVersion.id,
              recordId: r.recordId,
            })),
          );
          page.results.forEach((result, i) => {
            const line = lines[i];
            persons.push({
              mechanismId: mechanism.id,
              agreementId: agreement.id,
              party,
              receivingParty,
              listVersionId: page.listVersion.id,
              recordId: result.recordId,
              category: result.decidedBy ?? result.categories[0] ?? 'unknown',
              // Longest captivity first: the capture date; unknown dates go last.
              priority: line?.captureDate ?? '9999',
              rank: line?.rank ?? null,
              state: acknowledged.has(result.recordId) ? 'acknowledged' : 'proposed',
            });
          });
          if (page.results.length < PAGE) break;
        }
      }
      const added = await withScope(db, rowScope(actor), async (trx) => {
        const count = await repo.insertPersons(trx, persons);
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.open', {
            mechanismId: mechanism.id,
            objectIds: [agreement.id, version.id],
            details: { eligible: persons.length, added: count },
          }),
        );
        return count;
      });
      return { eligible: persons.length, added };
    },

    /** The persons on an agreement's path, as the actor may see them. */
    async persons(
      actor: Actor,
      input: { mechanism: string; agreement: string; state?: string; party?: string },
    ) {
      const { mechanism, agreement } = await agreements.version(
        actor,
        input.mechanism,
        input.agreement,
      );
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      const persons = await withScope(db, rowScope(actor), (scoped) =>
        rows.findPersons(scoped, {
          agreementId: agreement.id,
          ...(input.state ? { state: input.state } : {}),
          ...(input.party ? { party: input.party.toUpperCase() } : {}),
        }),
      );
      await audit.record(
        null,
        auditEvent(actor, 'exchange.read', {
          mechanismId: mechanism.id,
          objectIds: persons.map((p) => `${p.list_version_id}/${p.record_id}`),
          details: { agreement: agreement.id, state: input.state ?? null },
        }),
      );
      const names = await namesOf(registry, actor, mechanism.id, persons);
      return persons.map((p) => ({ ...personView(actor, p), ...(names.get(p.id) ?? NO_NAME) }));
    },

    /** Moves persons along their paths; each move is checked on its own and reported. */
    async move(actor: Actor, input: { mechanism: string; moves: readonly Move[] }) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.move', { mechanismId: mechanism.id });
      const results = [];
      const stagesMoved = new Set<string>();
      const moveInTransaction = async (trx: Database, move: Move) => {
        const person = await rows.findPerson(trx, move.personId);
        if (!person || person.mechanism_id !== mechanism.id)
          return { personId: move.personId, ok: false as const, problem: 'no such person' };
        const stage = person.stage_id ? await rows.findStage(trx, person.stage_id) : null;
        const leavesStage =
          stage?.status === 'proposed' && (EXCEPTIONS as readonly string[]).includes(move.to);
        const moved = await moveOne(actor, trx, move, leavesStage ? null : undefined);
        if (moved.ok && stage && stage.status !== 'proposed') stagesMoved.add(stage.id);
        if (!moved.ok || !leavesStage) return moved;
        const replacement = await refill(actor, trx, mechanism, person, stage, move.reason ?? '');
        return { ...moved, replacement };
      };
      // A refused move writes nothing, so moves share a transaction a hundred at a time: a
      // commit for each of a stage's thousand persons was most of a handover's server time.
      for (let start = 0; start < input.moves.length; start += MOVES_PER_TRANSACTION) {
        const chunk = input.moves.slice(start, start + MOVES_PER_TRANSACTION);
        results.push(
          ...(await withScope(db, rowScope(actor), async (trx) => {
            const done = [];
            for (const move of chunk) done.push(await moveInTransaction(trx, move));
            return done;
          })),
        );
      }
      for (const stageId of stagesMoved) await followPersons(actor, stageId);
      if (results.some((r) => r.ok)) deps.onPersonsMoved?.(mechanism.id);
      return results;
    },
  };
}

export type PersonPaths = ReturnType<typeof createPersonPaths>;
