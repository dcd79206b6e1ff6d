import { hash } from 'node:crypto';
import {
  hashEntry,
  isStoredEntryIntact,
  type AuditEntry,
  type StoredEntry,
} from './audit-entry.ts';

/** An entry of a page, whichever way it was read (copied-page.ts reads PGlite's pages). */
export interface PageEntry {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
  /** Whether the hash is the hash of the entry's canonical form, as stored. */
  readonly isIntact: boolean;
  /** What the entry was (`list.read by user:alice`), for a verdict that names it. */
  describe(): string;
}

/** The entries of a page read as rows. */
export function* storedPageEntries(entries: readonly StoredEntry[]): Generator<PageEntry> {
  for (const entry of entries)
    yield {
      seq: entry.seq,
      prevHash: entry.prevHash,
      hash: entry.hash,
      get isIntact() {
        return isStoredEntryIntact(entry);
      },
      describe: () => `${entry.action} by ${entry.actor}`,
    };
}

/** The entries of a page read as rows of seq, prev_hash, hash and canonical form (PostgreSQL). */
export function* canonicalRowEntries(
  rows: ReadonlyArray<readonly [number, string, string, string]>,
): Generator<PageEntry> {
  for (const [seq, prevHash, own, canonical] of rows)
    yield canonicalEntry(seq, prevHash, own, canonical);
}

/**
 * The entries of a page the database hashed (PostgreSQL and PGlite): seq, prev_hash, hash,
 * whether the hash held, and what an entry that did not hold was.
 */
export function* checkedRowEntries(
  rows: ReadonlyArray<readonly [number, string, string, boolean, string | null]>,
): Generator<PageEntry> {
  for (const [seq, prevHash, own, isIntact, description] of rows)
    yield { seq, prevHash, hash: own, isIntact, describe: () => description ?? 'unreadable' };
}

function canonicalEntry(seq: number, prevHash: string, own: string, canonical: string): PageEntry {
  return {
    seq,
    prevHash,
    hash: own,
    isIntact: hash('sha256', canonical, 'hex') === own || isIntactByMeaning(canonical, own),
    describe: () => {
      const entry = JSON.parse(canonical) as AuditEntry;
      return `${entry.action} by ${entry.actor}`;
    },
  };
}

/** As stored but written otherwise (JSON with other spacing or key order): judged by its meaning. */
function isIntactByMeaning(canonical: string, stored: string): boolean {
  try {
    const { hash: _ignored, ...entry } = JSON.parse(canonical) as AuditEntry;
    return hashEntry(entry) === stored;
  } catch {
    return false;
  }
}
