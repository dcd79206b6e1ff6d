import { hash } from 'node:crypto';
import { isStoredEntryIntact, type StoredEntry } from './audit-entry.ts';

/**
 * A page of the log as the database packs it for verification: one text for the whole page,
 * entries separated by U+001E, fields by U+001F, each text field as JSON (`to_json`) and the two
 * JSON fields as stored. JSON text never holds a raw U+001E or U+001F, so no field can forge a
 * separator; and JSON-escaped text is what the canonical form is built of, so an entry's hash is
 * checked without decoding its fields. One text a page spares the database driver a value per
 * field per entry, which was most of the cost of reading a million entries from PGlite.
 */
export const ENTRY_SEPARATOR = '\u001e';
export const FIELD_SEPARATOR = '\u001f';

/** The fields of a packed entry, in order. */
const FIELDS = 11;

/** An entry of a page, whichever way it was read. */
export interface PageEntry {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
  readonly action: string;
  readonly actor: string;
  isIntact(): boolean;
}

/** The entries of a page read as rows. */
export function* storedPageEntries(entries: readonly StoredEntry[]): Generator<PageEntry> {
  for (const entry of entries)
    yield {
      seq: entry.seq,
      prevHash: entry.prevHash,
      hash: entry.hash,
      action: entry.action,
      actor: entry.actor,
      isIntact: () => isStoredEntryIntact(entry),
    };
}

const decoded = (json: string): string => JSON.parse(json) as string;
const nullable = (json: string): string | null => JSON.parse(json) as string | null;

/** The entries of a packed page; a malformed entry is an entry that does not hold. */
export function* packedPageEntries(text: string): Generator<PageEntry> {
  if (text === '') return;
  for (const packed of text.split(ENTRY_SEPARATOR)) {
    const f = packed.split(FIELD_SEPARATOR);
    if (f.length !== FIELDS) {
      yield malformed(f);
      continue;
    }
    const [seq, at, actor, mechanismId, action, objectIds, reason, requestId, details, prev, own] =
      f as [string, string, string, string, string, string, string, string, string, string, string];
    const entry = {
      seq: Number(seq),
      prevHash: decoded(prev),
      hash: decoded(own),
      get action() {
        return decoded(action);
      },
      get actor() {
        return decoded(actor);
      },
      isIntact: () => {
        const canonical =
          `{"action":${action},"actor":${actor},"at":${at},"details":${details},` +
          `"mechanismId":${mechanismId},"objectIds":${objectIds},"prevHash":${prev},` +
          `"reason":${reason},"requestId":${requestId},"seq":${seq}}`;
        if (hash('sha256', canonical, 'hex') === entry.hash) return true;
        // As stored but written otherwise (or escaped otherwise): judged by its meaning.
        return isStoredEntryIntact({
          seq: entry.seq,
          at: decoded(at),
          actor: decoded(actor),
          mechanismId: nullable(mechanismId),
          action: decoded(action),
          reason: nullable(reason),
          requestId: nullable(requestId),
          prevHash: entry.prevHash,
          hash: entry.hash,
          objectIdsText: objectIds,
          detailsText: details,
        });
      },
    };
    yield entry;
  }
}

function malformed(fields: readonly string[]): PageEntry {
  return {
    seq: Number(fields[0]),
    prevHash: '',
    hash: '',
    action: '?',
    actor: '?',
    isIntact: () => false,
  };
}
