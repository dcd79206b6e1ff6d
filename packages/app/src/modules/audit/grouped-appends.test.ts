import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupAppends } from './grouped-appends.ts';

/** A log that numbers what it is given, one transaction per call, refusing events marked bad. */
function fakeLog() {
  const transactions: string[][] = [];
  let seq = 0;
  const appendAll = async (events: readonly string[]) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (events.some((event) => event.startsWith('bad'))) throw new Error('refused');
    transactions.push([...events]);
    return events.map((event) => ({ seq: ++seq, event }));
  };
  return { appendAll, transactions };
}

describe('grouped audit appends', () => {
  it('gives every caller its own entries, in order, while appends that arrive together share a transaction', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        async (calls) => {
          const log = fakeLog();
          const append = groupAppends(log.appendAll);
          const ok = calls.map((events) => events.map((e) => `ok${e}`));
          const results = await Promise.all(ok.map((events) => append(events)));
          results.forEach((entries, i) =>
            expect(entries.map((entry) => entry.event)).toEqual(ok[i]),
          );
          // Everything was written once, in the order it was asked for.
          expect(log.transactions.flat()).toEqual(ok.flat());
          // The first starts a write at once; all that arrive meanwhile share the next one.
          expect(log.transactions.length).toBe(Math.min(calls.length, 2));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('fails only the caller whose event is refused', async () => {
    const log = fakeLog();
    const append = groupAppends(log.appendAll);
    const first = append(['ok-first']);
    const [good, bad, alsoGood] = await Promise.allSettled([
      append(['ok-a']),
      append(['bad-b']),
      append(['ok-c']),
    ]);
    await first;
    expect(good).toMatchObject({ status: 'fulfilled' });
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('refused') });
    expect(alsoGood).toMatchObject({ status: 'fulfilled' });
    expect(log.transactions.flat()).toEqual(['ok-first', 'ok-a', 'ok-c']);
  });

  it('keeps a burst to bounded transactions', async () => {
    const log = fakeLog();
    const append = groupAppends(log.appendAll);
    await Promise.all(Array.from({ length: 1_200 }, (_, i) => append([`ok${i}`])));
    expect(Math.max(...log.transactions.map((t) => t.length))).toBeLessThanOrEqual(500);
    expect(log.transactions.flat()).toHaveLength(1_200);
  });
});
