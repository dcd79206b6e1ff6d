import type { Writable } from 'node:stream';
import { isEmbedded, type Database } from '../../platform/db/kysely.ts';
import { isAppError } from '../../platform/errors.ts';
import type { DeploymentKeys } from '../../platform/crypto/deployment-keys.ts';
import * as repo from './audit.repository.ts';
import { groupAppends } from './grouped-appends.ts';
import {
  isStoredEntryIntact,
  sealEntry,
  type AuditEntry,
  type AuditEvent,
} from './domain/audit-entry.ts';
import {
  checkpointMessage,
  type AuditCheckpoint,
  type ChainVerdict,
  type SignatureChecks,
  type WitnessedHead,
} from './domain/log-verdict.ts';
import { treeHeadMessage, type TreeHead } from './domain/tree-head.ts';
import { PAGE_SIZE, verifyLog, type VerifyOptions } from './log-verifier.ts';
import * as tree from './tree.repository.ts';
import { createTreeHeads } from './tree-heads.ts';

export interface AuditVerifyOptions extends VerifyOptions {
  /**
   * Where each entry's hash is recomputed from the row's fields: by the database (PostgreSQL's
   * default: the canonical forms, 1.6 GB for a million entries, stay in its processes, on every
   * core), or in this process's worker threads (PGlite's default: its rows copied out in binary,
   * from which the workers build the canonical forms; PGlite's SHA-256 and to_json, compiled to
   * WebAssembly, run in this thread and cost 29.3 s of CPU against 17.2 s for a million entries).
   */
  readonly hashIn?: 'database' | 'process';
}

export interface AuditDeps {
  db: Database;
  keys: DeploymentKeys;
  clock?: () => Date;
  /** A signed tree head is written whenever an append passes a multiple of this many entries. */
  headEvery?: number;
  /** Told of each event appended (once its append returned; inside a transaction, before commit). */
  onRecorded?: (event: AuditEvent) => void;
}

/** The export's format: a header, the entries, the old checkpoints and the signed tree heads. */
export const AUDIT_EXPORT_FORMAT = 'parley-audit-export/2';

/**
 * The audit log: append events to the hash chain, whose entries are the leaves of a Merkle
 * tree with signed heads; prove entries and heads; verify it all; export it for an auditor.
 */
export function createAuditLog({
  db,
  keys,
  clock = () => new Date(),
  headEvery = 1_000,
  onRecorded,
}: AuditDeps) {
  const heads = createTreeHeads({ db, keys, clock });

  async function appendIn(trx: Database, events: readonly AuditEvent[]): Promise<AuditEntry[]> {
    const tail = await repo.lockTail(trx);
    let previous = tail;
    const written: AuditEntry[] = [];
    for (const event of events) {
      const entry = sealEntry(event, clock(), previous);
      written.push(entry);
      previous = entry;
    }
    await repo.insertEntries(trx, written);
    // One head per write at most, after it: the entries are leaves, the tree is built at signing.
    const before = Math.floor((tail?.seq ?? 0) / headEvery);
    if (previous && Math.floor(previous.seq / headEvery) > before) await signHeadBeside(trx);
    return written;
  }

  /**
   * A head signed beside an append. When the log since the last head does not hold, the head is
   * refused but the append goes on: what it records must not be lost for what someone else did.
   * The refusal is not silent: every other signing (the server's every few minutes, on demand,
   * exports, manifests) and every verify name the entry.
   */
  async function signHeadBeside(trx: Database): Promise<void> {
    try {
      await heads.signHeadIn(trx);
    } catch (error) {
      if (!(isAppError(error) && error.code === 'AUDIT.CHAIN_BROKEN')) throw error;
    }
  }

  // Appends outside a use case's transaction share transactions when they arrive together.
  const appendOnItsOwn = groupAppends<AuditEvent, AuditEntry>((events) =>
    db.transaction().execute((own) => appendIn(own, events)),
  );

  /**
   * A page hashed by the database. An entry whose hash did not hold there may still be whole:
   * its JSON fields stored in another but equivalent text (key order, spacing). It is read as
   * stored and judged by its meaning here, and named if it still does not hold; the page is
   * checked no further, since its first broken entry ends the verdict.
   */
  const checkedRows = async (first: number, last: number) => {
    const rows = await repo.checkedRows(db, first, last);
    for (const row of rows) {
      if (row[3]) continue;
      const [stored] = await repo.storedEntries(db, row[0], row[0]);
      row[3] = stored !== undefined && isStoredEntryIntact(stored);
      row[4] = stored ? `${stored.action} by ${stored.actor}` : null;
      if (!row[3]) break;
    }
    return rows;
  };
  /**
   * A page whose entries are hashed here: from PGlite its rows copied out in binary, which worker
   * threads turn into canonical forms; from PostgreSQL a row per entry with the canonical form
   * the database built.
   */
  const hashedHere = (first: number, last: number) =>
    isEmbedded(db) ? repo.copiedPage(db, first, last) : repo.canonicalRows(db, first, last);
  const signatures: SignatureChecks = {
    checkpoint: (c: AuditCheckpoint) => keys.verify(c.keyId, checkpointMessage(c), c.signature),
    head: (h: TreeHead) => keys.verify(h.keyId, treeHeadMessage(h), h.signature),
  };

  return {
    /**
     * Appends events. Inside a use case's transaction (`trx`) they commit or roll back with the
     * change they describe; without one they are committed before this returns, in a
     * transaction shared with the appends that arrived at the same time.
     */
    async record(trx: Database | null, ...events: AuditEvent[]): Promise<AuditEntry[]> {
      const written = await (trx ? appendIn(trx, events) : appendOnItsOwn(events));
      if (onRecorded) for (const event of events) onRecorded(event);
      return written;
    },

    /**
     * Signs a tree head over the log as it is now (the server does every few minutes), after
     * proving it consistent with the previous head; the newest head if nothing was added.
     * Inside a use case's transaction (`trx`) the head covers that transaction's entries.
     */
    signHead: (trx?: Database): Promise<TreeHead | null> =>
      trx ? heads.signHeadIn(trx) : heads.signHead(),

    latestHead: heads.latestHead,
    head: heads.head,
    heads: heads.heads,
    inclusionProof: heads.inclusionProof,
    consistencyProof: heads.consistencyProof,

    /**
     * Recomputes every entry's hash and link and the tree's root at every signed head, checks
     * every signature, and proves that each head a witness kept is still in the log.
     */
    async verify(
      witnessed: readonly WitnessedHead[] = [],
      options: AuditVerifyOptions = {},
    ): Promise<ChainVerdict> {
      const lastSeq = await repo.lastSeq(db);
      const anchors = {
        checkpoints: await repo.findCheckpoints(db),
        heads: await tree.findHeads(db),
        witnessed,
      };
      const hashIn = options.hashIn ?? (isEmbedded(db) ? 'process' : 'database');
      const page = (start: number) =>
        hashIn === 'process'
          ? hashedHere(start + 1, start + PAGE_SIZE)
          : checkedRows(start + 1, start + PAGE_SIZE);
      return verifyLog({ lastSeq, page }, anchors, signatures, options);
    },

    entries: (filter: repo.EntryFilter = {}) => repo.streamEntries(db, filter),

    find: (search: repo.EntrySearch) => repo.searchEntries(db, search),

    /** The deployment's public keys, current and retired: what checks heads and checkpoints. */
    publicKeys: () => keys.publicKeys(),

    /**
     * Writes the whole log as NDJSON an auditor can verify offline: keys, entries, the old
     * checkpoints, then the signed heads. It signs a head first, so that the file ends at a head
     * (unless the log since the last head does not hold: it is exported all the same).
     */
    async exportTo(
      out: Writable,
    ): Promise<{ entries: number; checkpoints: number; heads: number }> {
      // A log that does not hold is still exported, for the auditor to see where it breaks.
      await db.transaction().execute(signHeadBeside);
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
      const signed = await tree.findHeads(db);
      for (const head of signed) await write({ type: 'head', ...head });
      return { entries, checkpoints: checkpoints.length, heads: signed.length };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
