import { describe, expect, it } from 'vitest';
import { nextPeriod, seriesOf } from './figures.ts';

describe('seriesOf', () => {
  it('carries each status forward through the periods in which nothing moved', () => {
    const series = seriesOf(
      [
        { party: 'UA', t: '2025-05-05T00:00:00.000Z', status: 'no_information', n: 3 },
        { party: 'UA', t: '2025-05-19T00:00:00.000Z', status: 'no_information', n: -1 },
        { party: 'UA', t: '2025-05-19T00:00:00.000Z', status: 'acknowledged', n: 1 },
      ],
      'week',
    );
    expect(
      series.map((p) => [p.at.slice(0, 10), p.counts.no_information, p.counts.acknowledged]),
    ).toEqual([
      ['2025-05-05', 3, 0],
      ['2025-05-12', 3, 0],
      ['2025-05-19', 2, 1],
    ]);
  });

  it('is empty without moves', () => {
    expect(seriesOf([], 'month')).toEqual([]);
  });

  it('steps months by the calendar', () => {
    expect(nextPeriod(new Date('2025-01-01T00:00:00Z'), 'month').toISOString()).toBe(
      '2025-02-01T00:00:00.000Z',
    );
  });
});
