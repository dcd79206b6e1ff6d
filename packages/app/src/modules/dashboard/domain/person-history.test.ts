import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bucketEnds,
  seriesFrom,
  seriesOf,
  stateAt,
  timelineOf,
  type PersonHistory,
} from './person-history.ts';

const T0 = Date.parse('2025-06-02T08:00:00Z');
const STATES = ['proposed', 'acknowledged', 'identity_verified', 'refuses_return', 'approved'];

/** A person opened at some time, then moved through random states at increasing times. */
const person = fc
  .record({
    opened: fc.integer({ min: 0, max: 5 * 86_400_000 }),
    steps: fc.array(
      fc.record({ gap: fc.integer({ min: 1, max: 86_400_000 }), to: fc.constantFrom(...STATES) }),
      { maxLength: 6 },
    ),
    first: fc.constantFrom(...STATES),
    category: fc.constantFrom('wounded', 'young', 'civilian'),
  })
  .map(({ opened, steps, first, category }): PersonHistory => {
    let at = T0 + opened;
    let from = first;
    const moves = steps.map((step) => {
      at += step.gap;
      const move = { at: new Date(at), from, to: step.to };
      from = step.to;
      return move;
    });
    return { category, state: from, openedAt: new Date(T0 + opened), moves };
  });

describe('person history', () => {
  it('a person is in no state before being opened, the state they were opened in until their first move, and their present state after the last', () => {
    fc.assert(
      fc.property(person, (p) => {
        expect(stateAt(p, new Date(p.openedAt.getTime() - 1))).toBeNull();
        expect(stateAt(p, p.openedAt)).toBe(p.moves[0]?.from ?? p.state);
        const last = p.moves.at(-1)?.at ?? p.openedAt;
        expect(stateAt(p, last)).toBe(p.state);
      }),
    );
  });

  it('counts from a timeline made once what it counts from every history, at any moments', () => {
    // Ends anywhere, on a move or an opening too; a key may leave persons out (null).
    const moments = fc.array(fc.integer({ min: -86_400_000, max: 40 * 86_400_000 }), {
      maxLength: 12,
    });
    const hidden = fc.subarray(STATES);
    fc.assert(
      fc.property(fc.array(person, { maxLength: 30 }), moments, hidden, (persons, at, left) => {
        const onMoves = persons.flatMap((p) => [p.openedAt, ...p.moves.map((m) => m.at)]);
        const ends = [...at.map((t) => new Date(T0 + t)), ...onMoves.slice(0, 5)].sort(
          (a, b) => a.getTime() - b.getTime(),
        );
        const byState = (_: PersonHistory, state: string) => (left.includes(state) ? null : state);
        const byCategory = (p: PersonHistory) => p.category;
        for (const keyOf of [byState, byCategory])
          expect(seriesFrom(timelineOf(persons, keyOf), ends)).toEqual(
            seriesOf(persons, ends, keyOf),
          );
      }),
    );
  });

  it('counts at each moment add up to the persons opened by then, and end at the present counts', () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 30 }), (persons) => {
        const now = new Date(T0 + 20 * 86_400_000);
        const ends = bucketEnds(new Date(T0), now);
        const series = seriesOf(persons, ends, (_, state) => state);
        series.forEach((point, i) => {
          const total = Object.values(point.counts).reduce((a, b) => a + b, 0);
          expect(total).toBe(persons.filter((p) => p.openedAt <= ends[i]!).length);
        });
        const present: Record<string, number> = {};
        for (const p of persons) present[p.state] = (present[p.state] ?? 0) + 1;
        expect(series.at(-1)?.counts).toEqual(present);
      }),
    );
  });

  it('counts at each moment every person in the state they were in then', () => {
    fc.assert(
      fc.property(
        fc.array(person, { maxLength: 20 }),
        fc.integer({ min: 0, max: 20 }),
        (persons, days) => {
          const ends = bucketEnds(new Date(T0), new Date(T0 + days * 86_400_000));
          const series = seriesOf(persons, ends, (_, state) => state);
          series.forEach((point, i) => {
            const expected: Record<string, number> = {};
            for (const p of persons) {
              const state = stateAt(p, ends[i]!);
              if (state !== null) expected[state] = (expected[state] ?? 0) + 1;
            }
            expect(point.counts).toEqual(expected);
          });
        },
      ),
    );
  });

  it('buckets end now, start before the first event, rise in time, and are never more than sixty', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 * 365 * 86_400_000 }), (span) => {
        const now = new Date(T0 + span);
        const ends = bucketEnds(new Date(T0), now);
        expect(ends.at(-1)).toEqual(now);
        expect(ends.length).toBeGreaterThanOrEqual(2);
        expect(ends.length).toBeLessThanOrEqual(60);
        for (let i = 1; i < ends.length; i++) expect(ends[i]! > ends[i - 1]!).toBe(true);
        expect(ends[0]!.getTime()).toBeLessThan(T0 + 1);
      }),
    );
  });

  it('counts in minutes over the first hour, in hours over two days, in days over a month', () => {
    const after = (ms: number) => bucketEnds(new Date(T0), new Date(T0 + ms));
    expect(after(30_000).map((d) => d.getTime())).toEqual([T0 + 30_000 - 60_000, T0 + 30_000]);
    expect(after(10 * 60_000)).toHaveLength(11);
    expect(after(5 * 3_600_000)).toHaveLength(21);
    expect(after(30 * 86_400_000)).toHaveLength(31);
  });
});
