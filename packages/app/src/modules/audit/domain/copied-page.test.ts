import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalDetails,
  canonicalEntry,
  GENESIS_HASH,
  sealEntry,
  type AuditEntry,
} from './audit-entry.ts';
import {
  copiedCanonicalForms,
  copiedPageEntries,
  copiedRowCount,
  COPIED_COLUMNS,
} from './copied-page.ts';

const text = fc.string({ unit: 'grapheme', maxLength: 30 });
/** Text with what JSON escapes: quotes, backslashes, control characters. */
const awkward = fc.oneof(
  text,
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('"', '\\', '\n\t', '\u0000', '\u2028', 'Шевченко 😀'),
);
const event = fc.record({
  actor: awkward,
  mechanismId: fc.option(fc.uuid(), { nil: null }),
  action: awkward,
  objectIds: fc.array(awkward, { maxLength: 5 }),
  reason: fc.option(awkward, { nil: null }),
  requestId: fc.option(awkward, { nil: null }),
  details: fc.dictionary(text, fc.jsonValue({ maxDepth: 3 })),
});

type Fields = { seq: number } & Record<
  Exclude<(typeof COPIED_COLUMNS)[number], 'seq'>,
  string | null
>;

/** The fields as they are stored: the JSON fields as the canonical text the appender writes. */
function storedFields(entry: AuditEntry): Fields {
  return {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    mechanism_id: entry.mechanismId,
    action: entry.action,
    object_ids: `[${entry.objectIds.map((id) => JSON.stringify(id)).join(',')}]`,
    reason: entry.reason,
    request_id: entry.requestId,
    details: canonicalDetails(entry),
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

/** Rows in PostgreSQL's binary copy format, as `copy ... to stdout with (format binary)` writes them. */
function copyOut(rows: readonly Fields[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(COPIED_COLUMNS.length);
    parts.push(count);
    for (const column of COPIED_COLUMNS) {
      let bytes: Buffer | null;
      if (column === 'seq') {
        bytes = Buffer.alloc(8);
        bytes.writeBigInt64BE(BigInt(row.seq));
      } else {
        const value = row[column];
        bytes = value === null ? null : Buffer.from(value, 'utf8');
      }
      const length = Buffer.alloc(4);
      length.writeInt32BE(bytes ? bytes.length : -1);
      parts.push(length, ...(bytes ? [bytes] : []));
    }
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return new Uint8Array(Buffer.concat(parts));
}

function sealAll(events: ReadonlyArray<Parameters<typeof sealEntry>[0]>): AuditEntry[] {
  const sealed: AuditEntry[] = [];
  for (const e of events)
    sealed.push(sealEntry(e, new Date(1_700_000_000_000), sealed.at(-1) ?? null));
  return sealed;
}

const verdicts = (page: Uint8Array) =>
  [...copiedPageEntries(page)].map((e) => ({
    seq: e.seq,
    prevHash: e.prevHash,
    hash: e.hash,
    isIntact: e.isIntact,
  }));

const sample = () =>
  sealAll([
    {
      actor: 'cli:олена',
      mechanismId: '0b6a1f9e-6f0e-4c1a-9a57-3d1f2b9c8e70',
      action: 'list.read',
      objectIds: ['a/1', 'a/2'],
      reason: null,
      requestId: 'req-1',
      details: { search: 'Бондар' },
    },
    {
      actor: 'cli:bogdan',
      mechanismId: null,
      action: 'list.export',
      objectIds: ['b/1'],
      reason: 'тиждень',
      requestId: null,
      details: {},
    },
  ]);

describe('a page of the log as PGlite copies it out in binary', () => {
  it('builds from the bytes of each row the canonical form the appender hashed, and every entry holds', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 6 }), (events) => {
        const entries = sealAll(events);
        const page = copyOut(entries.map(storedFields));
        expect(copiedCanonicalForms(page)).toEqual(
          entries.map(({ hash: _own, ...content }) => canonicalEntry(content)),
        );
        expect(verdicts(page)).toEqual(
          entries.map((e) => ({ seq: e.seq, prevHash: e.prevHash, hash: e.hash, isIntact: true })),
        );
        expect(copiedRowCount(page)).toBe(entries.length);
        expect(verdicts(page)[0]?.prevHash).toBe(GENESIS_HASH);
      }),
      { numRuns: 300 },
    );
  });

  it('finds an entry changed by one character, in Cyrillic too, and names what it was', () => {
    const rows = sample().map(storedFields);
    rows[0]!.details = rows[0]!.details!.replace('Бондар', 'Бондур');
    const [first, second] = [...copiedPageEntries(copyOut(rows))];
    expect(first?.isIntact).toBe(false);
    expect(first?.describe()).toBe('list.read by cli:олена');
    expect(second?.isIntact).toBe(true);
  });

  it('holds JSON fields stored in another but equivalent text', () => {
    const rows = sample().map(storedFields);
    rows[0]!.details = '{ "search" : "Бондар" }';
    rows[1]!.object_ids = '[ "b/1" ]';
    expect(verdicts(copyOut(rows)).map((v) => v.isIntact)).toEqual([true, true]);
  });

  it('reads a page cut short, or not in the format, as an entry that does not hold, not as an error', () => {
    const page = copyOut(sample().map(storedFields));
    const cut = page.subarray(0, page.length - 40);
    expect(verdicts(cut).map((v) => [v.seq, v.isIntact])).toEqual([
      [1, true],
      [Number.NaN, false],
    ]);
    expect(verdicts(new Uint8Array(Buffer.from('not a copy'))).map((v) => v.isIntact)).toEqual([
      false,
    ]);
    expect(verdicts(new Uint8Array(0))).toEqual([]);
    expect(() => copiedRowCount(cut)).toThrow('the page cannot be read after its row 1');
  });
});
