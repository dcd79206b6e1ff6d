import { hash } from 'node:crypto';
import { isStoredEntryIntact, type StoredEntry } from './audit-entry.ts';
import type { PageEntry } from './page-entries.ts';

/**
 * A page of the log as PGlite copies it out (PostgreSQL's binary copy format, audit.repository.ts,
 * copiedPage): a row per entry of its stored fields, each as its bytes after a length. Each
 * entry's canonical form is built here from those bytes as `canonicalEntry` builds it from the
 * fields (audit-entry.ts), and hashed, without a string per field: what verification of a
 * million entries on PGlite costs its worker threads, while PGlite itself only reads and sends.
 */

/** The stored fields in the order the page's query selects them. */
export const COPIED_COLUMNS = [
  'seq',
  'at',
  'actor',
  'mechanism_id',
  'action',
  'object_ids',
  'reason',
  'request_id',
  'details',
  'prev_hash',
  'hash',
] as const;
// Their places in a row.
const [SEQ, AT, ACTOR, MECHANISM, ACTION, OBJECT_IDS, REASON, REQUEST, DETAILS, PREV, HASH] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
] as const;
const FIELDS = COPIED_COLUMNS.length;

/** "PGCOPY\n\377\r\n\0", then 32 bits of flags and the length of a header extension. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const QUOTE = 0x22;
/** The bytes JSON.stringify escapes in a string: control characters, the quote, the backslash. */
const ESCAPED = new Uint8Array(256).map((_, byte) =>
  byte < 0x20 || byte === QUOTE || byte === 0x5c ? 1 : 0,
);
const latin1 = (text: string) => Buffer.from(text, 'latin1');
const OPEN = latin1('{"action":');
const KEYS = {
  actor: latin1(',"actor":'),
  at: latin1(',"at":'),
  details: latin1(',"details":'),
  mechanismId: latin1(',"mechanismId":'),
  objectIds: latin1(',"objectIds":'),
  prevHash: latin1(',"prevHash":'),
  reason: latin1(',"reason":'),
  requestId: latin1(',"requestId":'),
  seq: latin1(',"seq":'),
};
const NULL = latin1('null');
const CLOSE = 0x7d;

/** Where each field of the current row lies in the page: start and length (-1: null). */
class Row {
  readonly starts = new Int32Array(FIELDS);
  readonly lengths = new Int32Array(FIELDS);
  constructor(readonly page: Buffer) {}
  text(field: number): string | null {
    const length = this.lengths[field]!;
    if (length < 0) return null;
    const start = this.starts[field]!;
    return this.page.toString('utf8', start, start + length);
  }
  /** The seq (a bigint, 8 bytes), NaN when it is not a safe integer. */
  seq(): number {
    if (this.lengths[SEQ] !== 8) return Number.NaN;
    const high = this.page.readUInt32BE(this.starts[SEQ]);
    const low = this.page.readUInt32BE(this.starts[SEQ]! + 4);
    // 2^53 - 1 is the largest safe integer: at most 21 bits above the low 32.
    return high < 2 ** 21 ? high * 2 ** 32 + low : Number.NaN;
  }
}

/** The canonical form of a row, written into a buffer reused from row to row. */
class CanonicalWriter {
  #out = Buffer.alloc(64 * 1024);
  #at = 0;

  /** The canonical form's bytes, as `canonicalEntry` writes them for the row's fields. */
  write(row: Row, seq: number): Buffer {
    this.#at = 0;
    this.#bytes(OPEN);
    this.#text(row, ACTION);
    this.#bytes(KEYS.actor);
    this.#text(row, ACTOR);
    this.#bytes(KEYS.at);
    this.#text(row, AT);
    this.#bytes(KEYS.details);
    this.#raw(row, DETAILS);
    this.#bytes(KEYS.mechanismId);
    this.#text(row, MECHANISM);
    this.#bytes(KEYS.objectIds);
    this.#raw(row, OBJECT_IDS);
    this.#bytes(KEYS.prevHash);
    this.#text(row, PREV);
    this.#bytes(KEYS.reason);
    this.#text(row, REASON);
    this.#bytes(KEYS.requestId);
    this.#text(row, REQUEST);
    this.#bytes(KEYS.seq);
    this.#room(20);
    this.#at += this.#out.write(String(seq), this.#at, 'latin1');
    this.#out[this.#at++] = CLOSE;
    return this.#out.subarray(0, this.#at);
  }

  #room(more: number): void {
    if (this.#at + more <= this.#out.length) return;
    const grown = Buffer.alloc(Math.max(this.#out.length * 2, this.#at + more));
    this.#out.copy(grown, 0, 0, this.#at);
    this.#out = grown;
  }

  #bytes(bytes: Buffer): void {
    this.#copy(bytes, 0, bytes.length);
  }

  /** Copies bytes, short runs by hand: Buffer.copy costs more than a few dozen bytes by hand. */
  #copy(source: Buffer, start: number, end: number): void {
    this.#room(end - start);
    if (end - start > 64) {
      this.#at += source.copy(this.#out, this.#at, start, end);
      return;
    }
    const out = this.#out;
    let at = this.#at;
    for (let from = start; from < end; from++) out[at++] = source[from]!;
    this.#at = at;
  }

  /** A JSON field as stored (canonicalEntry puts the stored text in place, unparsed). */
  #raw(row: Row, field: number): void {
    const length = row.lengths[field]!;
    if (length < 0) return this.#bytes(NULL);
    this.#copy(row.page, row.starts[field]!, row.starts[field]! + length);
  }

  /**
   * A text field as JSON.stringify writes it: the bytes in quotes when none needs escaping (no
   * quote, backslash or control character), else through JSON.stringify itself.
   */
  #text(row: Row, field: number): void {
    const length = row.lengths[field]!;
    if (length < 0) return this.#bytes(NULL);
    const { page } = row;
    const start = row.starts[field]!;
    const end = start + length;
    this.#room(length + 2);
    const out = this.#out;
    let at = this.#at;
    out[at++] = QUOTE;
    for (let from = start; from < end; from++) {
      const byte = page[from]!;
      if (ESCAPED[byte] === 1)
        return this.#bytes(Buffer.from(JSON.stringify(page.toString('utf8', start, end))));
      out[at++] = byte;
    }
    out[at++] = QUOTE;
    this.#at = at;
  }
}

/** An entry read from a page, which names itself from its row's bytes only when asked. */
class CopiedEntry implements PageEntry {
  constructor(
    readonly seq: number,
    readonly prevHash: string,
    readonly hash: string,
    readonly isIntact: boolean,
    private readonly page: Buffer,
    private readonly action: readonly [start: number, length: number],
    private readonly actor: readonly [start: number, length: number],
  ) {}

  describe(): string {
    const text = ([start, length]: readonly [number, number]) =>
      this.page.toString('utf8', start, start + length);
    return `${text(this.action)} by ${text(this.actor)}`;
  }
}

/** The entry of a row as stored, its JSON fields as the texts they are. */
function storedEntryOf(row: Row, seq: number): StoredEntry {
  return {
    seq,
    at: row.text(AT) ?? '',
    actor: row.text(ACTOR) ?? '',
    mechanismId: row.text(MECHANISM),
    action: row.text(ACTION) ?? '',
    objectIdsText: row.text(OBJECT_IDS) ?? '',
    reason: row.text(REASON),
    requestId: row.text(REQUEST),
    detailsText: row.text(DETAILS) ?? '',
    prevHash: row.text(PREV) ?? '',
    hash: row.text(HASH) ?? '',
  };
}

/**
 * The rows of a page copied out in binary, one `Row` reused from row to row; null for a page
 * that cannot be read from there on (cut short, or not in the format).
 */
function* copiedRows(bytes: Uint8Array): Generator<Row | null> {
  const page = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (page.length === 0) return;
  const row = new Row(page);
  let at = headerEnd(page);
  rows: while (at >= 0 && at + 2 <= page.length) {
    const fields = page.readInt16BE(at);
    if (fields === -1) return;
    if (fields !== FIELDS) break;
    at += 2;
    for (let field = 0; field < FIELDS; field++) {
      const length = at + 4 <= page.length ? page.readInt32BE(at) : -2;
      const end = at + 4 + Math.max(length, 0);
      if (length < -1 || end > page.length) break rows;
      row.starts[field] = at + 4;
      row.lengths[field] = length;
      at = end;
    }
    yield row;
  }
  yield null;
}

/** Where a page's first row starts, past its signature, flags and header extension; -1 if not a copy. */
function headerEnd(page: Buffer): number {
  const fixed = SIGNATURE.length + 8;
  if (page.length < fixed || !page.subarray(0, SIGNATURE.length).equals(SIGNATURE)) return -1;
  const extension = page.readInt32BE(SIGNATURE.length + 4);
  return extension >= 0 && fixed + extension <= page.length ? fixed + extension : -1;
}

const UNREADABLE: PageEntry = {
  seq: Number.NaN,
  prevHash: '',
  hash: '',
  isIntact: false,
  describe: () => 'unreadable',
};

/**
 * The entries of a page copied out in binary. An entry holds when the SHA-256 of the canonical
 * form built from its bytes is its hash; failing that it is judged as a stored entry is
 * (`isStoredEntryIntact`: JSON fields stored in another but equivalent text still hold). A page
 * that cannot be read ends in an entry that does not hold.
 */
export function* copiedPageEntries(bytes: Uint8Array): Generator<PageEntry> {
  const writer = new CanonicalWriter();
  for (const row of copiedRows(bytes)) {
    if (!row) {
      yield UNREADABLE;
      return;
    }
    const seq = row.seq();
    const own = row.text(HASH) ?? '';
    const isIntact =
      Number.isSafeInteger(seq) &&
      (hash('sha256', writer.write(row, seq), 'hex') === own ||
        isStoredEntryIntact(storedEntryOf(row, seq)));
    yield new CopiedEntry(
      seq,
      row.text(PREV) ?? '',
      own,
      isIntact,
      row.page,
      [row.starts[ACTION]!, row.lengths[ACTION]!],
      [row.starts[ACTOR]!, row.lengths[ACTOR]!],
    );
  }
}

/** The canonical forms built from a page's rows for hashing, one a row (to test them by). */
export function copiedCanonicalForms(bytes: Uint8Array): string[] {
  const writer = new CanonicalWriter();
  const forms: string[] = [];
  for (const row of copiedRows(bytes)) {
    if (!row) throw new Error(`the page cannot be read after its row ${forms.length}`);
    forms.push(writer.write(row, row.seq()).toString('utf8'));
  }
  return forms;
}

/** The rows of a page copied out in binary, counted without reading their fields. */
export function copiedRowCount(bytes: Uint8Array): number {
  let count = 0;
  for (const row of copiedRows(bytes)) {
    if (!row) throw new Error(`the page cannot be read after its row ${count}`);
    count++;
  }
  return count;
}
