import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEntry, GENESIS_HASH, sealEntry } from './audit-entry.ts';

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
