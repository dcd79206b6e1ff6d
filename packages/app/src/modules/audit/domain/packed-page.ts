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

const ENTRY_BYTE = 0x1e;
const FIELD_BYTE = 0x1f;
const HEX_STRING = /^"[0-9a-f]{64}"$/;
const QUOTE = 0x22;
const HASH_FIELD_BYTES = 66;

/** A hash field, a JSON string: read as Latin-1 when it is the usual 64 hex digits in quotes. */
function hashField(bytes: Buffer, from: number, to: number): string {
  if (to - from === HASH_FIELD_BYTES && bytes[from] === QUOTE && bytes[to - 1] === QUOTE) {
    const text = bytes.toString('latin1', from, to);
    if (HEX_STRING.test(text)) return text.slice(1, -1);
  }
  return String(JSON.parse(bytes.toString('utf8', from, to)));
}

/** The digits of a seq, as the database wrote them; NaN for anything else. */
function seqField(bytes: Buffer, from: number, to: number): number {
  if (to <= from || to - from > 15) return Number.NaN;
  let value = 0;
  for (let at = from; at < to; at++) {
    const digit = bytes[at]! - 0x30;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The entries of a packed page, as text or as its UTF-8 bytes: each canonical form is hashed as
 * the bytes it is, never decoded one by one. An entry that cannot be read does not hold.
 */
export function* packedPageEntries(page: Uint8Array | string): Generator<PageEntry> {
  const bytes =
    typeof page === 'string'
      ? Buffer.from(page, 'utf8')
      : Buffer.from(page.buffer, page.byteOffset, page.byteLength);
  let at = 0;
  while (at < bytes.length) {
    let end = bytes.indexOf(ENTRY_BYTE, at);
    if (end < 0) end = bytes.length;
    const a = bytes.indexOf(FIELD_BYTE, at);
    const b = a < 0 || a > end ? -1 : bytes.indexOf(FIELD_BYTE, a + 1);
    const c = b < 0 || b > end ? -1 : bytes.indexOf(FIELD_BYTE, b + 1);
    const seq = seqField(bytes, at, a < 0 || a > end ? end : a);
    if (c < 0 || c > end) {
      yield { seq, prevHash: '', hash: '', isIntact: false, describe: () => 'unreadable' };
    } else {
      yield canonicalEntry(
        seq,
        hashField(bytes, a + 1, b),
        hashField(bytes, b + 1, c),
        bytes.subarray(c + 1, end),
      );
    }
    at = end + 1;
  }
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

function canonicalEntry(
  seq: number,
  prevHash: string,
  own: string,
  canonical: Buffer | string,
): PageEntry {
  return {
    seq,
    prevHash,
    hash: own,
    isIntact:
      hash('sha256', canonical, 'hex') === own || isIntactByMeaning(canonical.toString(), own),
    describe: () => {
      const entry = JSON.parse(canonical.toString()) as AuditEntry;
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
