import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentPositions, gapView, STANCES, substanceOf, type PositionRecord } from './points.ts';

const PARTIES = ['UA', 'RU'];
const point = fc.record({
  pointId: fc.uuid(),
  stances: fc.record(
    { UA: fc.constantFrom(...STANCES), RU: fc.constantFrom(...STANCES) },
    { requiredKeys: [] },
  ),
});

describe('the gap view', () => {
  it('holds a point if and only if the two parties differ in substance', () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 30 }), (points) => {
        const gap = gapView(points, PARTIES);
        for (const p of points) {
          const [ua, ru] = PARTIES.map((party) =>
            substanceOf(p.stances[party as 'UA'] ?? 'silent'),
          );
          expect(gap.includes(p)).toBe(ua !== ru);
        }
        // The order of the document is kept.
        expect(gap).toEqual(points.filter((p) => gap.includes(p)));
      }),
      { seed: 7 },
    );
  });

  it('takes proposing and accepting as agreement, and conditions or silence as a gap', () => {
    const stances = (UA: string, RU?: string) => ({
      pointId: 'p',
      stances: RU ? { UA, RU } : { UA },
    });
    const inGap = (p: ReturnType<typeof stances>) => gapView([p] as never, PARTIES).length === 1;
    expect(inGap(stances('proposes', 'accepts'))).toBe(false);
    expect(inGap(stances('proposes', 'accepts_with_conditions'))).toBe(true);
    expect(inGap(stances('proposes'))).toBe(true);
    expect(inGap(stances('rejects', 'rejects'))).toBe(false);
    expect(inGap(stances('silent'))).toBe(false);
  });
});

describe('current positions', () => {
  const at = (
    party: string,
    stance: PositionRecord['stance'],
    statedOn: string,
    recorded: number,
  ) => ({
    pointId: 'p',
    party,
    stance,
    conditions: null,
    statedOn,
    source: 's',
    recordedAt: new Date(recorded),
  });

  it('are the latest stated, then the latest recorded, per party', () => {
    const current = currentPositions([
      at('RU', 'rejects', '2025-06-02', 1),
      at('RU', 'accepts_with_conditions', '2025-07-23', 0),
      at('UA', 'proposes', '2025-06-02', 1),
      at('UA', 'accepts', '2025-06-02', 2),
      at('UA', 'rejects', '2025-05-16', 3),
    ]).get('p');
    expect(current?.get('RU')?.stance).toBe('accepts_with_conditions');
    expect(current?.get('UA')?.stance).toBe('accepts');
  });
});
