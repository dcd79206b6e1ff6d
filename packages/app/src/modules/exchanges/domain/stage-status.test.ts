import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXCEPTIONS, MAIN_PATH, type PersonState } from './person-path.ts';
import { STAGE_STATUSES, stageStatusOf, type StageStatus } from './stage-status.ts';

const STATES: PersonState[] = [...MAIN_PATH, ...EXCEPTIONS];
const isException = (state: PersonState) => (EXCEPTIONS as readonly string[]).includes(state);

describe("a stage's status after approval", () => {
  it('is executing from the first person in transit, and completed when all are received or gone', () => {
    const approved: StageStatus = 'approved';
    expect(stageStatusOf(approved, ['assigned', 'assigned'])).toBe('approved');
    expect(stageStatusOf(approved, ['in_transit', 'assigned'])).toBe('executing');
    expect(stageStatusOf('executing', ['receipt_confirmed', 'handed_over'])).toBe('executing');
    expect(stageStatusOf('executing', ['receipt_confirmed', 'closed', 'deceased'])).toBe(
      'completed',
    );
    // A stage no one left for (everyone fell away after approval) is not completed: nothing happened.
    expect(stageStatusOf(approved, ['deceased', 'refuses_return'])).toBe('approved');
  });

  it('never moves a proposed stage: only the mediator approves', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STATES)), (persons) => {
        expect(stageStatusOf('proposed', persons)).toBe('proposed');
      }),
    );
  });

  it('never goes back, and is completed exactly when someone arrived and every other person is done', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STAGE_STATUSES.filter((s) => s !== 'proposed')),
        fc.array(fc.constantFrom(...STATES), { maxLength: 12 }),
        (current, persons) => {
          const next = stageStatusOf(current, persons);
          expect(STAGE_STATUSES.indexOf(next)).toBeGreaterThanOrEqual(
            STAGE_STATUSES.indexOf(current),
          );
          const done = persons.every(
            (s) => s === 'receipt_confirmed' || s === 'closed' || isException(s),
          );
          const leftHoldingSide = persons.some(
            (s) => MAIN_PATH.indexOf(s as never) >= MAIN_PATH.indexOf('in_transit'),
          );
          if (current !== 'completed') expect(next === 'completed').toBe(done && leftHoldingSide);
          if (leftHoldingSide && !done && current !== 'completed') expect(next).toBe('executing');
        },
      ),
    );
  });

  it('follows a walk of its persons along the path to completed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 2 ** 16 }),
        (n, seed) => {
          // Each person walks from assigned to closed, one step at a time, in some order.
          const from = MAIN_PATH.indexOf('assigned');
          const positions = Array.from({ length: n }, () => from);
          let status: StageStatus = 'approved';
          let step = seed;
          const seen: StageStatus[] = [status];
          while (positions.some((p) => p < MAIN_PATH.length - 1)) {
            const open = positions.flatMap((p, i) => (p < MAIN_PATH.length - 1 ? [i] : []));
            const who = open[step++ % open.length]!;
            positions[who]! += 1;
            status = stageStatusOf(
              status,
              positions.map((p) => MAIN_PATH[p]!),
            );
            if (seen.at(-1) !== status) seen.push(status);
          }
          expect(seen).toEqual(['approved', 'executing', 'completed']);
        },
      ),
    );
  });
});
