import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectedComponents } from './components.ts';
import { assignOneToOne } from './one-to-one.ts';

const edges = fc.array(
  fc.record({
    left: fc.integer({ min: 0, max: 9 }),
    right: fc.integer({ min: 0, max: 9 }),
    weight: fc.double({ min: -20, max: 20, noNaN: true }),
  }),
  { maxLength: 40 },
);
const arraysOf = (list: { left: number; right: number; weight: number }[]) => ({
  left: Int32Array.from(list, (e) => e.left),
  right: Int32Array.from(list, (e) => e.right),
  weights: Float64Array.from(list, (e) => e.weight),
});

describe('assignOneToOne', () => {
  it('takes the strongest pair first, then what is left', () => {
    const { left, right, weights } = arraysOf([
      { left: 0, right: 0, weight: 5 },
      { left: 0, right: 1, weight: 9 },
      { left: 1, right: 1, weight: 8 },
      { left: 1, right: 0, weight: 1 },
    ]);
    expect(Array.from(assignOneToOne(left, right, weights, 0))).toEqual([0, 1, 0, 1]);
  });

  it('uses each record at most once, above the threshold only', () => {
    fc.assert(
      fc.property(edges, fc.double({ min: -20, max: 20, noNaN: true }), (list, threshold) => {
        const { left, right, weights } = arraysOf(list);
        const assigned = assignOneToOne(left, right, weights, threshold);
        const seenLeft = new Set<number>();
        const seenRight = new Set<number>();
        assigned.forEach((isAssigned, i) => {
          if (isAssigned === 0) return;
          expect(weights[i]).toBeGreaterThanOrEqual(threshold);
          expect(seenLeft.has(left[i]!) || seenRight.has(right[i]!)).toBe(false);
          seenLeft.add(left[i]!);
          seenRight.add(right[i]!);
        });
      }),
    );
  });

  it('never adds an assignment when the threshold rises', () => {
    fc.assert(
      fc.property(
        edges,
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (list, low, rise) => {
          const { left, right, weights } = arraysOf(list);
          const atLow = assignOneToOne(left, right, weights, low);
          const atHigh = assignOneToOne(left, right, weights, low + rise);
          atHigh.forEach((isAssigned, i) => {
            if (isAssigned === 1) expect(atLow[i]).toBe(1);
          });
        },
      ),
    );
  });
});

describe('connectedComponents', () => {
  it('joins records through strong pairs, named by their smallest index', () => {
    const { left, right, weights } = arraysOf([
      { left: 3, right: 1, weight: 10 },
      { left: 1, right: 4, weight: 10 },
      { left: 0, right: 2, weight: -1 },
    ]);
    expect(Array.from(connectedComponents(5, left, right, weights, 0))).toEqual([0, 1, 2, 1, 1]);
  });
});
