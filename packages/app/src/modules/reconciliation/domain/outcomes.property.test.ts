import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concludeLines, statusOfPair, type OutcomePair, type PairStatus } from './outcomes.ts';

const soughtKeys = ['UA/sought/1', 'UA/sought/2', 'UA/sought/3', 'UA/sought/4'];
const heldKeys = ['RU/held/a', 'RU/held/b', 'RU/held/c'];

const pairs = fc.array(
  fc.record({
    sought: fc.constantFrom(...soughtKeys),
    held: fc.constantFrom(...heldKeys),
    status: fc.constantFrom<PairStatus>('matched', 'open', 'confirmed', 'rejected'),
    weight: fc.double({ min: -20, max: 40, noNaN: true }),
  }),
  { maxLength: 12 },
);

describe('the outcome of each line', () => {
  it('gives every line exactly one outcome, and matches one to one', () => {
    fc.assert(
      fc.property(pairs, (found) => {
        const conclusions = concludeLines({ sought: soughtKeys, held: heldKeys }, found);
        expect([...conclusions.keys()].sort()).toEqual([...soughtKeys, ...heldKeys].sort());
        for (const [key, { outcome, matchedWith }] of conclusions) {
          expect(outcome === 'acknowledged').toBe(matchedWith !== null);
          if (matchedWith) expect(conclusions.get(matchedWith)?.matchedWith).toBe(key);
        }
      }),
    );
  });

  it('never matches a rejected or open pair, and honours a confirmed pair whose lines are free', () => {
    fc.assert(
      fc.property(pairs, (found) => {
        const conclusions = concludeLines({ sought: soughtKeys, held: heldKeys }, found);
        const isAccepted = (p: OutcomePair) => p.status === 'confirmed' || p.status === 'matched';
        for (const [key, { matchedWith }] of conclusions) {
          if (!matchedWith || !key.includes('/sought/')) continue;
          expect(
            found.some((p) => p.sought === key && p.held === matchedWith && isAccepted(p)),
          ).toBe(true);
        }
        const [firstConfirmed] = found.filter((p) => p.status === 'confirmed');
        if (firstConfirmed) {
          expect(conclusions.get(firstConfirmed.sought)?.matchedWith).toBe(firstConfirmed.held);
        }
      }),
    );
  });

  it('calls a line without a match possible exactly when a pair awaiting review holds it', () => {
    fc.assert(
      fc.property(pairs, (found) => {
        const conclusions = concludeLines({ sought: soughtKeys, held: heldKeys }, found);
        for (const [key, { outcome }] of conclusions) {
          if (outcome === 'acknowledged') continue;
          const isAwaiting = found.some(
            (p) => p.status === 'open' && (p.sought === key || p.held === key),
          );
          const unmatched = key.includes('/sought/') ? 'not_acknowledged' : 'unrequested';
          expect(outcome).toBe(isAwaiting ? 'possible' : unmatched);
        }
      }),
    );
  });
});

describe('a decision in a later run', () => {
  const decision = { decision: 'rejected', leftFingerprint: 'L1', rightFingerprint: 'R1' } as const;

  it('carries over while both lines are unchanged', () => {
    expect(statusOfPair('match', { left: 'L1', right: 'R1' }, decision)).toEqual({
      status: 'rejected',
      reopened: false,
    });
  });

  it('reopens the pair when either line has changed', () => {
    expect(statusOfPair('match', { left: 'L2', right: 'R1' }, decision)).toEqual({
      status: 'open',
      reopened: true,
    });
    expect(statusOfPair('possible', { left: 'L1', right: 'R9' }, decision)).toEqual({
      status: 'open',
      reopened: true,
    });
  });

  it("leaves undecided pairs to the engine's decision", () => {
    expect(statusOfPair('match', { left: 'L', right: 'R' }, undefined).status).toBe('matched');
    expect(statusOfPair('possible', { left: 'L', right: 'R' }, undefined).status).toBe('open');
  });
});
