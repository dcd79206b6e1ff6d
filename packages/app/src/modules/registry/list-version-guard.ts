import type { Database } from '../../platform/db/kysely.ts';
import type { Actor } from '../access/index.ts';
import { diffLines } from './domain/line-cells.ts';
import type { ListKind } from './domain/list-columns.ts';
import type { VersionId } from './domain/list-version.ts';
import * as repo from './registry.repository.ts';

/** How a record of an earlier version reads in a new version: gone, or with these columns changed. */
export interface RecordChange {
  recordId: string;
  /** The record's line in the earlier version. */
  line: number;
  /** Its line in the new version; null when the new version removes it. */
  newLine: number | null;
  columns: string[];
}

export interface NewVersion {
  actor: Actor;
  mechanismId: string;
  party: string;
  kind: ListKind;
  versionId: VersionId;
  /** Compares records of earlier versions with the new version; unchanged records are left out. */
  changesOf(refs: ReadonlyArray<{ versionId: string; recordId: string }>): Promise<RecordChange[]>;
}

/**
 * Told of a new list version inside the import's transaction, before it is audited: throws to
 * refuse the version, or answers what the import's audit entry should add.
 */
export type ListVersionGuard = (
  trx: Database,
  version: NewVersion,
) => Promise<Record<string, unknown> | undefined>;

/** The comparison a guard is given: each earlier record against its line in the new version. */
export function recordChanges(trx: Database, newVersionId: VersionId): NewVersion['changesOf'] {
  return async (refs) => {
    const changes: RecordChange[] = [];
    const after = new Map(
      (
        await repo.findLinesByRecord(
          trx,
          newVersionId,
          refs.map((r) => r.recordId),
        )
      ).map((line) => [line.recordId, line]),
    );
    for (const versionId of new Set(refs.map((r) => r.versionId))) {
      const wanted = refs.filter((r) => r.versionId === versionId).map((r) => r.recordId);
      for (const before of await repo.findLinesByRecord(trx, versionId as VersionId, wanted)) {
        const now = after.get(before.recordId);
        const diff = diffLines([before], now ? [now] : []);
        const changed = diff.changed[0];
        if (diff.removed.length > 0)
          changes.push({
            recordId: before.recordId,
            line: before.lineNumber,
            newLine: null,
            columns: [],
          });
        else if (changed)
          changes.push({
            recordId: before.recordId,
            line: before.lineNumber,
            newLine: changed.after.lineNumber,
            columns: changed.changes.map((c) => c.column),
          });
      }
    }
    return changes;
  };
}
