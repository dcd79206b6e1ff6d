import type { Writable } from 'node:stream';
import type { Database } from '../../platform/db/kysely.ts';
import type { DeploymentKeys } from '../../platform/crypto/deployment-keys.ts';
import * as repo from './audit.repository.ts';
import { groupAppends } from './grouped-appends.ts';
import { sealEntry, type AuditEntry, type AuditEvent } from './domain/audit-entry.ts';
import {
  checkpointMessage,
  verifyChain,
  type AuditCheckpoint,
  type ChainVerdict,
} from './domain/chain-verifier.ts';

export interface AuditDeps {
  db: Database;
  keys: DeploymentKeys;
  clock?: () => Date;
  /** A signed checkpoint is written after every this many entries. */
  checkpointEvery?: number;
}

export const AUDIT_EXPORT_FORMAT = 'parley-audit-export/1';

/** The audit log: append events to the hash chain, verify it, and export it for an auditor. */
export function createAuditLog({
  db,
  keys,
  clock = () => new Date(),
  checkpointEvery = 1_000,
}: AuditDeps) {
  async function appendIn(trx: Database, events: readonly AuditEvent[]): Promise<AuditEntry[]> {
    let previous = await repo.lockTail(trx);
    const written: AuditEntry[] = [];
    for (const event of events) {
      const entry = sealEntry(event, clock(), previous);
      await repo.insertEntry(trx, entry);
      if (entry.seq % checkpointEvery === 0)
        await repo.insertCheckpoint(trx, signCheckpoint(entry));
      written.push(entry);
      previous = entry;
    }
    return written;
  }

  // Appends outside a use case's transaction share transactions when they arrive together.
  const appendOnItsOwn = groupAppends<AuditEvent, AuditEntry>((events) =>
    db.transaction().execute((own) => appendIn(own, events)),
  );

  function signCheckpoint(entry: { seq: number; hash: string }): AuditCheckpoint {
    const unsigned = { seq: entry.seq, hash: entry.hash, signedAt: clock().toISOString() };
    return { ...unsigned, keyId: keys.keyId, signature: keys.sign(checkpointMessage(unsigned)) };
  }

  const isValidSignature = (c: AuditCheckpoint) =>
    keys.verify(c.keyId, checkpointMessage(c), c.signature);

  async function checkpointTail(): Promise<AuditCheckpoint | null> {
    return db.transaction().execute(async (trx) => {
      const tail = await repo.lockTail(trx);
      const existing = (await repo.findCheckpoints(trx)).at(-1);
      if (!tail || existing?.seq === tail.seq) return null;
      const checkpoint = signCheckpoint(tail);
      await repo.insertCheckpoint(trx, checkpoint);
      return checkpoint;
    });
  }

  return {
    /**
     * Appends events. Inside a use case's transaction (`trx`) they commit or roll back with the
     * change they describe; without one they are committed before this returns, in a
     * transaction shared with the appends that arrived at the same time.
     */
    async record(trx: Database | null, ...events: AuditEvent[]): Promise<AuditEntry[]> {
      return trx ? appendIn(trx, events) : appendOnItsOwn(events);
    },

    /** Signs a checkpoint at the newest entry now, as the server does every few minutes. */
    checkpoint: checkpointTail,

    async verify(): Promise<ChainVerdict> {
      return verifyChain(
        repo.streamStoredPages(db),
        await repo.findCheckpoints(db),
        isValidSignature,
      );
    },

    entries: (filter: repo.EntryFilter = {}) => repo.streamEntries(db, filter),

    find: (search: repo.EntrySearch) => repo.searchEntries(db, search),

    /**
     * Writes the whole log as NDJSON an auditor can verify offline: keys, then entries, then
     * checkpoints. It signs the tail first, so that a file cut short does not verify.
     */
    async exportTo(out: Writable): Promise<{ entries: number; checkpoints: number }> {
      await checkpointTail();
      const write = (value: unknown) =>
        new Promise<void>((resolve, reject) =>
          out.write(`${JSON.stringify(value)}\n`, (error) => (error ? reject(error) : resolve())),
        );
      await write({
        type: 'header',
        format: AUDIT_EXPORT_FORMAT,
        exportedAt: clock().toISOString(),
        publicKeys: keys.publicKeys(),
      });
      let entries = 0;
      for await (const entry of repo.streamEntries(db)) {
        await write({ type: 'entry', ...entry });
        entries++;
      }
      const checkpoints = await repo.findCheckpoints(db);
      for (const checkpoint of checkpoints) await write({ type: 'checkpoint', ...checkpoint });
      return { entries, checkpoints: checkpoints.length };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
