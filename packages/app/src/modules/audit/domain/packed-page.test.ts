import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEntry, GENESIS_HASH, sealEntry, type AuditEntry } from './audit-entry.ts';
import { packedPageEntries } from './packed-page.ts';

const text = fc.string({ unit: 'grapheme', maxLength: 30 });
const event = fc.record({
  actor: text,
  mechanismId: fc.option(fc.uuid(), { nil: null }),
  action: text,
  objectIds: fc.array(text, { maxLength: 5 }),
  reason: fc.option(text, { nil: null }),
  requestId: fc.option(text, { nil: null }),
  details: fc.dictionary(text, fc.jsonValue({ maxDepth: 3 })),
});

/** A page packed as the database packs it (audit.repository.ts, packedPage). */
function pack(entries: readonly AuditEntry[]): string {
  return entries
    .map((e) => {
      const { hash: _own, ...content } = e;
      const fields = [String(e.seq), JSON.stringify(e.prevHash), JSON.stringify(e.hash)];
      return [...fields, canonicalEntry(content)].join('\u001f');
    })
    .join('\u001e');
}

function sealAll(events: ReadonlyArray<Parameters<typeof sealEntry>[0]>): AuditEntry[] {
  const sealed: AuditEntry[] = [];
  for (const e of events)
    sealed.push(sealEntry(e, new Date(1_700_000_000_000), sealed.at(-1) ?? null));
  return sealed;
}

const verdicts = (page: string | Uint8Array) =>
  [...packedPageEntries(page)].map((e) => ({
    seq: e.seq,
    prevHash: e.prevHash,
    hash: e.hash,
    isIntact: e.isIntact,
  }));

describe('a packed page of the log', () => {
  it('reads the same, entry by entry, as text and as its UTF-8 bytes, and every entry holds', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 8 }), (events) => {
        const entries = sealAll(events);
        const page = pack(entries);
        const fromText = verdicts(page);
        expect(verdicts(new Uint8Array(Buffer.from(page, 'utf8')))).toEqual(fromText);
        expect(fromText).toEqual(
          entries.map((e) => ({ seq: e.seq, prevHash: e.prevHash, hash: e.hash, isIntact: true })),
        );
        expect(fromText[0]?.prevHash).toBe(GENESIS_HASH);
      }),
      { numRuns: 200 },
    );
  });

  it('finds an entry changed by one character, in Cyrillic too, and names what it was', () => {
    const entries = sealAll([
      {
        actor: 'cli:олена',
        mechanismId: null,
        action: 'list.read',
        objectIds: ['a/1', 'a/2'],
        reason: null,
        requestId: null,
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
    const changed = pack(entries).replace('Бондар', 'Бондур');
    for (const page of [changed, new Uint8Array(Buffer.from(changed, 'utf8'))]) {
      const [first, second] = [...packedPageEntries(page)];
      expect(first?.isIntact).toBe(false);
      expect(first?.describe()).toBe('list.read by cli:олена');
      expect(second?.isIntact).toBe(true);
    }
  });

  it('reads an entry without its fields as one that does not hold, not as an error', () => {
    const [entry] = sealAll([
      {
        actor: 'cli:a',
        mechanismId: null,
        action: 'x',
        objectIds: [],
        reason: null,
        requestId: null,
        details: {},
      },
    ]);
    const page = `${pack([entry!])}\u001e2\u001fbroken`;
    const read = [...packedPageEntries(new Uint8Array(Buffer.from(page)))];
    expect(read.map((e) => [e.seq, e.isIntact])).toEqual([
      [1, true],
      [2, false],
    ]);
  });
});
