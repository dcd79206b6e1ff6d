import { describe, expect, it } from 'vitest';
import { mergeTimeline, type TimelineEntry } from './timeline.ts';

const entry = (at: string, kind: TimelineEntry['kind'], title: string): TimelineEntry => ({
  at,
  kind,
  id: null,
  title,
  detail: '',
  facts: {},
});

describe('the timeline', () => {
  it('merges its sources by day and moment, then by kind, within the range asked', () => {
    const merged = mergeTimeline(
      [
        [entry('2025-06-02', 'round', 'Istanbul II'), entry('2025-05-16', 'round', 'Istanbul I')],
        [entry('2025-06-02T15:00:00.000Z', 'agreement', 'Istanbul, 2 June 2025')],
        [entry('2025-06-09', 'stage', 'stage 1'), entry('2025-06-02', 'ceasefire', 'proposed')],
      ],
      { from: '2025-06-01' },
    );
    expect(merged.map((e) => e.title)).toEqual([
      'Istanbul II',
      'proposed',
      'Istanbul, 2 June 2025',
      'stage 1',
    ]);
  });
});
