import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXCEPTIONS,
  MAIN_PATH,
  mayMove,
  stateSeenByParty,
  type PathActor,
  type PersonState,
} from './person-path.ts';

const ACTORS: PathActor[] = ['holding_party', 'receiving_party', 'mediator', 'neutral_verifier'];
const STATES: PersonState[] = [...MAIN_PATH, ...EXCEPTIONS];

describe("a person's path", () => {
  it('can be walked from proposed to closed, one step at a time, each by some role', () => {
    for (let i = 0; i + 1 < MAIN_PATH.length; i++) {
      const [from, to] = [MAIN_PATH[i]!, MAIN_PATH[i + 1]!];
      expect([from, ACTORS.some((actor) => mayMove(from, to, actor).ok)]).toEqual([from, true]);
    }
  });

  it('lets only the neutral verifier record the wish to return, or its refusal', () => {
    for (const actor of ACTORS) {
      const isVerifier = actor === 'neutral_verifier';
      expect(mayMove('fit_to_travel', 'wish_verified', actor).ok).toBe(isVerifier);
      expect(mayMove('fit_to_travel', 'refuses_return', actor).ok).toBe(isVerifier);
    }
    expect(stateSeenByParty('wish_verified')).toBe('cleared');
    expect(stateSeenByParty('refuses_return')).toBe('not_cleared');
  });

  it('never skips a step, and every exception needs a reason', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATES),
        fc.constantFrom(...STATES),
        fc.constantFrom(...ACTORS),
        (from, to, actor) => {
          const verdict = mayMove(from, to, actor);
          if (!verdict.ok) {
            expect(verdict.problem.length).toBeGreaterThan(10);
            return;
          }
          if (
            (EXCEPTIONS as readonly string[]).includes(to) ||
            (EXCEPTIONS as readonly string[]).includes(from)
          ) {
            expect(verdict.needs).toBe('reason');
          } else {
            expect(MAIN_PATH.indexOf(to as never)).toBe(MAIN_PATH.indexOf(from as never) + 1);
          }
        },
      ),
    );
  });

  it('allows no exception once the person has left, but a refusal heard by the verifier at the handover, and no move after closing', () => {
    for (const exception of EXCEPTIONS) {
      for (const actor of ACTORS)
        expect(mayMove('in_transit', exception, actor).ok).toBe(
          exception === 'refuses_return' && actor === 'neutral_verifier',
        );
      for (const actor of ACTORS) expect(mayMove('handed_over', exception, actor).ok).toBe(false);
    }
    expect(mayMove('in_transit', 'refuses_return', 'neutral_verifier')).toEqual({
      ok: true,
      needs: 'reason',
    });
    for (const to of STATES)
      for (const actor of ACTORS) expect(mayMove('closed', to, actor).ok).toBe(false);
    expect(mayMove('approved', 'assigned', 'mediator')).toEqual({ ok: true, needs: 'stage' });
  });

  it('explains a refused move in words', () => {
    expect(mayMove('proposed', 'approved', 'mediator')).toEqual({
      ok: false,
      problem: 'from proposed the next step is acknowledged, not approved',
    });
    expect(mayMove('handed_over', 'receipt_confirmed', 'holding_party')).toEqual({
      ok: false,
      problem: 'only receiving party may move a person to receipt confirmed',
    });
  });
});
