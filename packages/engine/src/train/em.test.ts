import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildComparison } from '../compare/comparators.ts';
import { constrainM, MIN_EVIDENCE_BITS, patternCounts, patternsOf, trainM } from './em.ts';

describe('constrainM', () => {
  it('keeps agreement for a match and disagreement against it, summing to 1', () => {
    const probabilities = fc
      .array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 })
      .map((values) => {
        const total = values.reduce((sum, v) => sum + v, 0);
        return values.map((v) => v / total);
      });
    fc.assert(
      fc.property(probabilities, probabilities, (m, u) => {
        // Agreement can weigh a bit only where its u leaves room: m ≥ 2u.
        fc.pre(u[0]! <= 0.3);
        const constrained = constrainM(m, u, [1, 0, -1]);
        expect(constrained.reduce((sum, v) => sum + v, 0)).toBeCloseTo(1, 6);
        expect(Math.log2(constrained[0]! / u[0]!)).toBeGreaterThanOrEqual(MIN_EVIDENCE_BITS - 1e-9);
        expect(Math.log2(constrained[2]! / u[2]!)).toBeLessThanOrEqual(-MIN_EVIDENCE_BITS + 1e-9);
      }),
    );
  });
});

describe('trainM', () => {
  it('never lets the data turn agreement into evidence against, nor disagreement into evidence for', () => {
    const surname = buildComparison({ field: 'surname', kind: 'surname' });
    const last = surname.levels.length - 1;
    // Candidates that mostly disagree on the surname: EM alone would learn that a match does.
    const levels = Int8Array.from({ length: 1_000 }, (_, i) => (i % 10 === 0 ? 0 : last));
    const patterns = patternsOf(levels, 1);
    const u = [surname.prior.u];
    const { m } = trainM(patterns, patternCounts(patterns, null), [surname], u, {
      maxIterations: 50,
      tolerance: 1e-9,
      initialLambda: 0.9,
      lambdaStrength: 1,
      mStrength: 1,
    });
    expect(Math.log2(m[0]![0]! / u[0]![0]!)).toBeGreaterThanOrEqual(MIN_EVIDENCE_BITS - 1e-9);
    expect(Math.log2(m[0]![last]! / u[0]![last]!)).toBeLessThanOrEqual(-MIN_EVIDENCE_BITS + 1e-9);
  });
});
