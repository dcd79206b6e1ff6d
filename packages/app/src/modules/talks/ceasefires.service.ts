import type { Database } from '../../platform/db/kysely.ts';
import { AppError } from '../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import { authorize, type Actor } from '../access/index.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import {
  endOf,
  statusChangeProblem,
  type CeasefireKind,
  type CeasefireScope,
  type CeasefireStatus,
} from './domain/ceasefire.ts';
import * as repo from './ceasefires.repository.ts';
import { refusingTakenName, regimeOf } from './talks.guards.ts';
import { createViolationsService } from './violations.service.ts';

export interface CeasefiresDeps {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
  clock?: () => Date;
}

export interface NewCeasefire {
  mechanism: string;
  name: string;
  kind: CeasefireKind;
  scope: readonly CeasefireScope[];
  geography: string;
  sectors?: readonly string[];
  startsAt?: Date | null;
  durationDays?: number | null;
  extension?: string | null;
  monitoringBody?: string | null;
  proposedBy: string;
  /** When it was proposed; now by default. */
  proposedAt?: Date;
  preconditions?: readonly string[];
}

export type { Reporter } from './violations.service.ts';

/** Ceasefire regimes, their status, and the reports of their violations. */
export function createCeasefiresService({
  db,
  mechanisms,
  audit,
  clock = () => new Date(),
}: CeasefiresDeps) {
  return {
    /** Records a regime as proposed by a party or a mediator, with the points that are its preconditions. */
    async propose(actor: Actor, input: NewCeasefire) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'talks.manage', { mechanismId: mechanism.id });
      const proposedBy = input.proposedBy.toUpperCase();
      if (!([...mechanism.parties, ...mechanism.mediators] as string[]).includes(proposedBy))
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          `proposedBy: ${input.proposedBy} is neither a party nor a mediator here`,
        );
      const preconditions = [...new Set(input.preconditions ?? [])];
      const found = await repo.pointsExist(db, mechanism.id, preconditions);
      const missing = preconditions.find((id) => !found.includes(id));
      if (missing)
        throw new AppError('TALKS.NOT_FOUND', `no point ${missing} in ${mechanism.name}`);
      const taken = `name: "${input.name}" is taken; ${mechanism.name} already has a regime of that name`;
      const transaction = () =>
        db.transaction().execute(async (trx) => {
          if (await repo.findCeasefire(trx, mechanism.id, input.name, false))
            throw new AppError('TALKS.NAME_TAKEN', taken);
          const id = await repo.insertCeasefire(trx, {
            mechanismId: mechanism.id,
            name: input.name,
            kind: input.kind,
            scope: [...new Set(input.scope)],
            geography: input.geography,
            sectors: input.sectors ?? [],
            startsAt: input.startsAt ?? null,
            durationDays: input.durationDays ?? null,
            extension: input.extension ?? null,
            monitoringBody: input.monitoringBody ?? null,
            proposedBy,
            status: 'proposed',
            createdBy: actor.id,
            at: input.proposedAt ?? clock(),
            preconditions,
          });
          await audit.record(
            trx,
            auditEvent(actor, 'talks.ceasefire.propose', {
              mechanismId: mechanism.id,
              objectIds: [id, ...preconditions],
              details: { name: input.name, kind: input.kind, scope: input.scope, proposedBy },
            }),
          );
          return { id, status: 'proposed' as const };
        });
      return refusingTakenName('talks_ceasefire_name', taken, transaction);
    },

    /** Moves a regime along proposed → agreed → in force → expired or broken, at a given moment. */
    async changeStatus(
      actor: Actor,
      input: {
        mechanism: string;
        ceasefire: string;
        to: CeasefireStatus;
        at?: Date;
        reason?: string | null;
      },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'talks.manage', { mechanismId: mechanism.id });
      return db.transaction().execute(async (trx) => {
        const regime = await regimeOf(trx, mechanism, input.ceasefire);
        const from = regime.status as CeasefireStatus;
        const problem = statusChangeProblem(from, input.to);
        if (problem) throw new AppError('TALKS.STATUS_TRANSITION', `${regime.name}: ${problem}`);
        const at = input.at ?? clock();
        await repo.setStatus(trx, regime.id, input.to);
        await repo.insertStatusEvent(trx, {
          mechanismId: mechanism.id,
          ceasefireId: regime.id,
          from,
          to: input.to,
          at,
          reason: input.reason ?? null,
          recordedBy: actor.id,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'talks.ceasefire.status', {
            mechanismId: mechanism.id,
            objectIds: [regime.id],
            details: { from, to: input.to, at: at.toISOString() },
            ...(input.reason ? { reason: input.reason } : {}),
          }),
        );
        return { id: regime.id, status: input.to };
      });
    },

    /** Every regime with its preconditions and the history of its status. */
    async list(actor: Actor, mechanismRef: string) {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      authorize(actor, 'talks.read', { mechanismId: mechanism.id });
      const regimes = await repo.listCeasefires(db, mechanism.id);
      return regimes.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        scope: r.scope as CeasefireScope[],
        geography: r.geography,
        sectors: r.sectors,
        startsAt: r.starts_at?.toISOString() ?? null,
        durationDays: r.duration_days,
        endsAt: endOf(r.starts_at, r.duration_days)?.toISOString() ?? null,
        extension: r.extension,
        monitoringBody: r.monitoring_body,
        proposedBy: r.proposed_by,
        status: r.status as CeasefireStatus,
        preconditions: r.preconditions.map((p) => ({
          pointId: p.id,
          document: p.title,
          label: p.label,
          text: p.text,
        })),
        history: r.history.map((e) => ({
          from: e.from_status as CeasefireStatus | null,
          to: e.to_status as CeasefireStatus,
          at: e.at.toISOString(),
          reason: e.reason,
          recordedBy: e.recorded_by,
        })),
      }));
    },

    ...createViolationsService({ db, mechanisms, audit }),
  };
}

export type CeasefiresService = ReturnType<typeof createCeasefiresService>;
