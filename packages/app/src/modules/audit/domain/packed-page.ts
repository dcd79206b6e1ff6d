import { hash } from 'node:crypto';
import {
  hashEntry,
  isStoredEntryIntact,
  type AuditEntry,
  type StoredEntry,
} from './audit-entry.ts';

/**
 * A page of the log as the database packs it for verification (PGlite): one text a page;
 * per entry its seq, prev_hash and hash (JSON strings), then its canonical form built by the
 * database from the stored fields (audit.repository.ts, packedEntries), separated by U+001F,
 * entries by U+001E. JSON text never holds a raw U+001E or U+001F, so no field can forge a
 * separator. One text a page spares the database driver a value per field per entry, and the
 * canonical form built by the database spares the checker a string per entry: together most of
 * the cost of reading a million entries.
 */
export const ENTRY_SEPARATOR = '\u001e';
export const FIELD_SEPARATOR = '\u001f';

/** An entry of a page, whichever way it was read. */
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

const HEX_STRING = /^"[0-9a-f]{64}"$/;
const unquote = (json: string): string =>
  HEX_STRING.test(json) ? json.slice(1, -1) : String(JSON.parse(json));

/** The entries of a packed page; an entry that cannot be read is an entry that does not hold. */
export function* packedPageEntries(text: string): Generator<PageEntry> {
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf(ENTRY_SEPARATOR, at);
    if (end < 0) end = text.length;
    const a = text.indexOf(FIELD_SEPARATOR, at);
    const b = a < 0 ? -1 : text.indexOf(FIELD_SEPARATOR, a + 1);
    const c = b < 0 ? -1 : text.indexOf(FIELD_SEPARATOR, b + 1);
    const seq = Number(text.slice(at, a < 0 ? end : a));
    if (c < 0 || c > end) {
      yield { seq, prevHash: '', hash: '', isIntact: false, describe: () => 'unreadable' };
    } else {
      yield canonicalEntry(
        seq,
        unquote(text.slice(a + 1, b)),
        unquote(text.slice(b + 1, c)),
        text.slice(c + 1, end),
      );
    }
    at = end + 1;
  }
}

/** The entries of a page read as rows of seq, prev_hash, hash and canonical form. */
export function* canonicalRowEntries(
  rows: ReadonlyArray<readonly [number, string, string, string]>,
): Generator<PageEntry> {
  for (const [seq, prevHash, own, canonical] of rows)
    yield canonicalEntry(seq, prevHash, own, canonical);
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
