import { rows, type ExchangesDeps } from '../shared/index.ts';
import * as repo from './stages.repository.ts';
import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent } from '../../audit/index.ts';
import { authorize, rowScope, type Actor } from '../../access/index.ts';
import type { ListVersionGuard, RecordChange } from '../../registry/index.ts';

const LIVE_STATUSES = ['approved', 'executing'];

interface TouchedStage {
  stageId: string;
  number: number;
  status: string;
  override: { by: string; reason: string | null } | null;
  lines: RecordChange[];
}

/** One line for people: which lines of which stage a version would change or remove. */
function describe(stages: readonly TouchedStage[]): string {
  return stages
    .map((stage) => {
      const lines = stage.lines.map((c) =>
        c.newLine === null
          ? `line ${c.line} (${c.recordId}) removed`
          : `line ${c.line} (${c.recordId}) changed: ${c.columns.join(', ')}`,
      );
      return `stage ${stage.number} (${stage.status}): ${lines.join('; ')}`;
    })
    .join('; ');
}

/**
 * Refuses a new held-list version that changes or removes a person of an approved or executing
 * stage, unless the mediator has allowed it for that stage; an allowance is used once, and the
 * import's audit entry names the stages and lines it let through.
 */
export function createListChangeGuard(): ListVersionGuard {
  return async (trx, version) => {
    if (version.kind !== 'held') return undefined;
    const persons = await repo.findPersonsInLiveStages(trx, version.mechanismId, version.party);
    if (persons.length === 0) return undefined;
    const changes = await version.changesOf(
      persons.map((p) => ({ versionId: p.list_version_id, recordId: p.record_id })),
    );
    if (changes.length === 0) return undefined;
    const changeOf = new Map(changes.map((c) => [c.recordId, c]));
    const stages = new Map<string, TouchedStage>();
    for (const person of persons) {
      const change = changeOf.get(person.record_id);
      if (!change) continue;
      const stage = stages.get(person.stage_id) ?? {
        stageId: person.stage_id,
        number: person.stage_number,
        status: person.stage_status,
        override: person.list_override_by
          ? { by: person.list_override_by, reason: person.list_override_reason }
          : null,
        lines: [],
      };
      stage.lines.push(change);
      stages.set(person.stage_id, stage);
    }
    const touched = [...stages.values()];
    const refused = touched.filter((s) => !s.override);
    if (refused.length > 0) {
      throw new AppError(
        'EXCHANGE.LIST_CHANGE_IN_STAGE',
        `the new version changes persons of a stage under way, and the mediator has not allowed it: ${describe(refused)}`,
        { stages: refused.map(({ override: _, ...stage }) => stage) },
      );
    }
    await repo.setListOverride(
      trx,
      touched.map((s) => s.stageId),
      null,
    );
    // The persons whose lines changed now read from the new version, so that the next version
    // is compared with what the mediator let stand; a removed person keeps the line they had.
    const kept = new Set(changes.filter((c) => c.newLine !== null).map((c) => c.recordId));
    await repo.setPersonsListVersion(
      trx,
      persons.filter((p) => kept.has(p.record_id)).map((p) => p.id),
      version.versionId,
    );
    return { stageOverrides: touched };
  };
}

/** The mediator's leave for the next list version to change persons of a stage under way. */
export function createStageListOverride(deps: ExchangesDeps) {
  const { db, mechanisms, audit } = deps;
  const clock = deps.clock ?? (() => new Date());
  return {
    async allowListChange(
      actor: Actor,
      input: { mechanism: string; stageId: string; reason: string },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.manage', { mechanismId: mechanism.id });
      return withScope(db, rowScope(actor), async (trx) => {
        const stage = await rows.findStage(trx, input.stageId);
        if (!stage || stage.mechanism_id !== mechanism.id)
          throw new AppError('EXCHANGE.NOT_FOUND', `no stage ${input.stageId}`);
        if (!LIVE_STATUSES.includes(stage.status))
          throw new AppError(
            'EXCHANGE.MOVE_REFUSED',
            `stage ${stage.number} is ${stage.status}: only an approved or executing stage guards its persons`,
          );
        const at = clock();
        await repo.setListOverride(trx, [stage.id], {
          by: actor.id,
          at,
          reason: input.reason,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.stage.list_override', {
            mechanismId: mechanism.id,
            objectIds: [stage.id],
            reason: input.reason,
            details: { number: stage.number, status: stage.status },
          }),
        );
        return { stageId: stage.id, number: stage.number, allowedAt: at.toISOString() };
      });
    },
  };
}

export type StageListOverride = ReturnType<typeof createStageListOverride>;
