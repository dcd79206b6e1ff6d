import type { Database } from '../../platform/db/kysely.ts';
import { withScope } from '../../platform/db/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize, type Actor } from '../access/index.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import { versionsDeleted } from '../registry/index.ts';
import {
  cutoff,
  isRetentionCategory,
  RETENTION_CATEGORIES,
  type RetentionCategory,
} from './domain/retention.ts';
import * as repo from './retention.repository.ts';

export interface RetentionDeps {
  db: Database;
  audit: AuditLog;
  clock?: () => Date;
}

export interface RetentionFinding {
  category: RetentionCategory;
  days: number;
  expiredBefore: Date;
  /** Versions, sessions or inquiries that have expired. */
  objects: number;
  /** Rows deleted; null in a report. */
  deletedRows: number | null;
}

/** Retention per data category: the periods, a report of what has expired, and its deletion. */
export function createRetentionService({ db, audit, clock = () => new Date() }: RetentionDeps) {
  return {
    async setPolicy(actor: Actor, category: string, days: number): Promise<void> {
      authorize(actor, 'access.manage');
      if (!isRetentionCategory(category)) {
        throw new AppError(
          'VALIDATION.INVALID_INPUT',
          `"${category}" is not a data category; they are ${Object.keys(RETENTION_CATEGORIES).join(', ')}`,
        );
      }
      await db.transaction().execute(async (trx) => {
        await repo.upsertPolicy(trx, category, days, actor.id);
        await audit.record(
          trx,
          auditEvent(actor, 'retention.policy', {
            mechanismId: null,
            objectIds: [category],
            details: { days },
          }),
        );
      });
    },

    policies: (actor: Actor) => {
      authorize(actor, 'access.manage');
      return repo.findPolicies(db);
    },

    /**
     * Reports what has expired under each policy; with `apply`, deletes it, each category in one
     * transaction with its audit entry naming every object removed.
     */
    async run(actor: Actor, options: { apply: boolean }): Promise<RetentionFinding[]> {
      authorize(actor, 'access.manage');
      const findings: RetentionFinding[] = [];
      for (const { category, days } of await repo.findPolicies(db)) {
        if (!isRetentionCategory(category)) continue;
        const expiredBefore = cutoff(clock(), days);
        // Retention is the deployment's duty, not a reading of lists: an admin who may run it
        // (access.manage) deletes what has expired in every party's lists, as the system.
        const finding = await withScope(db, { system: 'on' }, async (trx) => {
          const ids = await repo.findExpired(trx, category, expiredBefore);
          if (!options.apply || ids.length === 0)
            return { category, days, expiredBefore, objects: ids.length, deletedRows: null };
          const deletedRows = await repo.deleteExpired(trx, category, ids);
          await audit.record(
            trx,
            auditEvent(actor, 'retention.delete', {
              mechanismId: null,
              objectIds: category === 'sessions' ? [] : ids,
              details: {
                category,
                days,
                expiredBefore: expiredBefore.toISOString(),
                objects: ids.length,
                deletedRows,
              },
            }),
          );
          return { category, days, expiredBefore, objects: ids.length, deletedRows };
        });
        // Committed: the pages of lists kept in this process's memory are checked again (registry).
        if (finding.deletedRows !== null) versionsDeleted();
        findings.push(finding);
      }
      return findings;
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
