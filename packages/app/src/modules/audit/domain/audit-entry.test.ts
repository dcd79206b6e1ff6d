import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalEntry,
  GENESIS_HASH,
  isStoredEntryIntact,
  sealEntry,
  toStoredEntry,
} from './audit-entry.ts';

const text = fc.string({ unit: 'grapheme', maxLength: 30 });
const entry = fc.record({
  seq: fc.integer({ min: 1, max: 2 ** 40 }),
  at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  actor: text,
  mechanismId: fc.option(fc.uuid(), { nil: null }),
  action: text,
  objectIds: fc.array(text, { maxLength: 5 }),
  reason: fc.option(text, { nil: null }),
  requestId: fc.option(text, { nil: null }),
  details: fc.dictionary(text, fc.jsonValue({ maxDepth: 3 })),
  prevHash: fc.string({
    unit: fc.constantFrom(...'0123456789abcdef'),
    minLength: 64,
    maxLength: 64,
  }),
});

describe('the canonical form of an audit entry', () => {
  it('is byte for byte what a general RFC 8785 canonicaliser gives', () => {
    fc.assert(
      fc.property(entry, (e) => {
        expect(canonicalEntry(e)).toBe(canonicalize(e));
      }),
      { numRuns: 500 },
    );
  });

  it('judges a stored entry by the meaning of its texts: other spacing holds, other content does not', () => {
    const sealed = sealEntry(
      {
        actor: 'a',
        mechanismId: null,
        action: 'x',
        objectIds: ['r-1'],
        reason: null,
        requestId: null,
        details: { b: 2, a: 1 },
      },
      new Date(0),
      null,
    );
    const stored = toStoredEntry(sealed);
    expect(stored.detailsText).toBe('{"a":1,"b":2}');
    expect(isStoredEntryIntact(stored)).toBe(true);
    expect(isStoredEntryIntact({ ...stored, detailsText: '{ "b": 2, "a": 1 }' })).toBe(true);
    expect(isStoredEntryIntact({ ...stored, detailsText: '{"a":1,"b":3}' })).toBe(false);
    expect(isStoredEntryIntact({ ...stored, objectIdsText: '["r-2"]' })).toBe(false);
    expect(isStoredEntryIntact({ ...stored, objectIdsText: 'not json' })).toBe(false);
  });

  it('refuses text that is not well-formed Unicode', () => {
    const sealed = sealEntry(
      {
        actor: 'a',
        mechanismId: null,
        action: 'x',
        objectIds: [],
        reason: null,
        requestId: null,
        details: {},
      },
      new Date(0),
      null,
    );
    expect(sealed.prevHash).toBe(GENESIS_HASH);
    expect(() => canonicalEntry({ ...sealed, actor: '\ud800' })).toThrow('not well-formed Unicode');
  });
});
