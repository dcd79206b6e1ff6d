import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/db/kysely.ts';
import { AppError } from '../../platform/errors.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import { authorize, type Actor } from '../access/index.ts';
import type { Mechanism, MechanismsService } from '../mechanisms/index.ts';
import type { Assessment, Verification, ViolationInput } from './domain/violation.ts';
import * as repo from './ceasefires.repository.ts';
import { regimeOf } from './talks.guards.ts';
import { readViolationFile } from './violation-file.ts';
import { presentViolation } from './violation-present.ts';

export interface ViolationsDeps {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
}

/** Who reports a violation: one of the parties, or a monitor by name. */
export type Reporter = { party: string } | { monitor: string };

/** Reports of violations of a regime: one by one or from a CSV file, verified, assessed, counted. */
export function createViolationsService({ db, mechanisms, audit }: ViolationsDeps) {
  function reporterOf(actor: Actor, mechanism: Mechanism, reporter: Reporter) {
    if ('party' in reporter) {
      const party = reporter.party.toUpperCase();
      if (!(mechanism.parties as readonly string[]).includes(party))
        throw new AppError(
          'REGISTRY.PARTY_NOT_IN_MECHANISM',
          `${reporter.party} is not a party of ${mechanism.name}`,
        );
      authorize(actor, 'violation.report', { mechanismId: mechanism.id, party });
      return { reporterKind: 'party' as const, reporter: party };
    }
    authorize(actor, 'violation.report', { mechanismId: mechanism.id });
    return { reporterKind: 'monitor' as const, reporter: reporter.monitor.trim() };
  }

  async function store(
    actor: Actor,
    input: { mechanism: string; reporter: Reporter; ceasefire?: string | null; fileName?: string },
    violations: ReadonlyArray<{ line: number | null; violation: ViolationInput }>,
  ) {
    const mechanism = await mechanisms.get(actor, input.mechanism);
    const who = reporterOf(actor, mechanism, input.reporter);
    return db.transaction().execute(async (trx) => {
      const regime = input.ceasefire ? await regimeOf(trx, mechanism, input.ceasefire) : null;
      const importId = input.fileName === undefined ? null : randomUUID();
      const ids = await repo.insertViolations(
        trx,
        {
          mechanismId: mechanism.id,
          ceasefireId: regime?.id ?? null,
          ...who,
          createdBy: actor.id,
          importId,
        },
        violations,
      );
      await audit.record(
        trx,
        auditEvent(actor, importId ? 'talks.violation.import' : 'talks.violation.report', {
          mechanismId: mechanism.id,
          objectIds: importId ? [importId] : ids,
          details: {
            ...who,
            ceasefire: regime?.id ?? null,
            reports: ids.length,
            ...(input.fileName ? { file: input.fileName } : {}),
          },
        }),
      );
      return { ids, importId, reports: ids.length };
    });
  }

  return {
    /** One report of a violation, observation and assessment apart. */
    async report(
      actor: Actor,
      input: {
        mechanism: string;
        reporter: Reporter;
        ceasefire?: string | null;
        violation: ViolationInput;
      },
    ) {
      const stored = await store(actor, input, [{ line: null, violation: input.violation }]);
      return { id: stored.ids[0]!, verification: 'reported' as const };
    },

    /**
     * What a CSV file of reports would import, stored nowhere: how many reports, every problem by
     * line and column, and its first reports as they would be kept.
     */
    async previewFile(
      actor: Actor,
      input: { mechanism: string; reporter: Reporter; fileName: string; text: string },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      reporterOf(actor, mechanism, input.reporter);
      const read = readViolationFile(input.text);
      return {
        fileName: input.fileName,
        reports: read.violations.length,
        errors: read.problems,
        sample: read.violations.slice(0, 20).map(({ line, violation }) => ({
          line,
          sector: violation.sector,
          observation: {
            ...violation.observation,
            windowStart: violation.observation.windowStart.toISOString(),
            windowEnd: violation.observation.windowEnd.toISOString(),
          },
          assessment: violation.assessment,
        })),
      };
    },

    /** A CSV file of reports, all or nothing: any bad line and none is stored, each problem named. */
    async importFile(
      actor: Actor,
      input: {
        mechanism: string;
        reporter: Reporter;
        ceasefire?: string | null;
        fileName: string;
        text: string;
      },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      reporterOf(actor, mechanism, input.reporter);
      const read = readViolationFile(input.text);
      if (read.problems.length > 0)
        throw new AppError(
          'TALKS.IMPORT_REJECTED',
          `${input.fileName} was not imported: ${read.problems.length} error${read.problems.length === 1 ? '' : 's'}`,
          { errors: read.problems },
        );
      const stored = await store(actor, input, read.violations);
      return { importId: stored.importId!, reports: stored.reports };
    },

    /** The monitor's or mediator's verdict on a report. */
    async verify(
      actor: Actor,
      input: {
        mechanism: string;
        violationId: string;
        verification: Verification;
        reason?: string | null;
      },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'violation.verify', { mechanismId: mechanism.id });
      const violation = await repo.findViolation(db, mechanism.id, input.violationId);
      if (!violation)
        throw new AppError('TALKS.NOT_FOUND', `no violation report ${input.violationId}`);
      await db.transaction().execute(async (trx) => {
        await repo.setVerification(trx, violation.id, input.verification);
        await audit.record(
          trx,
          auditEvent(actor, 'talks.violation.verify', {
            mechanismId: mechanism.id,
            objectIds: [violation.id],
            details: { from: violation.verification, to: input.verification },
            ...(input.reason ? { reason: input.reason } : {}),
          }),
        );
      });
      return { id: violation.id, verification: input.verification };
    },

    /**
     * The monitor's or mediator's assessment of a report, corrected; the observation as reported
     * stays as it was, and the audit log keeps the assessment before.
     */
    async assess(
      actor: Actor,
      input: {
        mechanism: string;
        violationId: string;
        assessment: Partial<Assessment>;
        reason?: string | null;
      },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'violation.verify', { mechanismId: mechanism.id });
      const changed = Object.keys(input.assessment) as Array<keyof Assessment>;
      if (changed.length === 0)
        throw new AppError('VALIDATION.INVALID_INPUT', 'assessment: name at least one field');
      return db.transaction().execute(async (trx) => {
        const row = await repo.findViolation(trx, mechanism.id, input.violationId);
        if (!row) throw new AppError('TALKS.NOT_FOUND', `no violation report ${input.violationId}`);
        const before = presentViolation(row).assessment;
        await repo.setAssessment(trx, row.id, input.assessment);
        await audit.record(
          trx,
          auditEvent(actor, 'talks.violation.assess', {
            mechanismId: mechanism.id,
            objectIds: [row.id],
            details: {
              before: Object.fromEntries(changed.map((k) => [k, before[k]])),
              after: input.assessment,
            },
            ...(input.reason ? { reason: input.reason } : {}),
          }),
        );
        const after = await repo.findViolation(trx, mechanism.id, row.id);
        return presentViolation(after!);
      });
    },

    /** Reports, oldest first, filtered by regime, sector and days. */
    async violations(
      actor: Actor,
      input: Omit<repo.ViolationFilter, 'mechanismId'> & {
        mechanism: string;
        limit: number;
        offset: number;
      },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'talks.read', { mechanismId: mechanism.id });
      const { mechanism: _m, limit, offset, ...filter } = input;
      const page = await repo.listViolations(
        db,
        { mechanismId: mechanism.id, ...filter },
        { limit, offset },
      );
      return { total: page.total, items: page.rows.map(presentViolation) };
    },

    /** Reports and events per day and per sector, for the charts. */
    async counts(
      actor: Actor,
      input: Omit<repo.ViolationFilter, 'mechanismId'> & { mechanism: string },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'talks.read', { mechanismId: mechanism.id });
      const { mechanism: _m, ...filter } = input;
      return repo.violationCounts(db, { mechanismId: mechanism.id, ...filter });
    },
  };
}
