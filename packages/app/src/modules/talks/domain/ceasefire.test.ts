import { describe, expect, it } from 'vitest';
import { CEASEFIRE_STATUSES, endOf, nextStatuses, statusChangeProblem } from './ceasefire.ts';

describe('ceasefire status', () => {
  it('goes proposed → agreed → in force → expired or broken, and never back', () => {
    expect(statusChangeProblem('proposed', 'agreed')).toBeNull();
    expect(statusChangeProblem('agreed', 'in_force')).toBeNull();
    expect(statusChangeProblem('in_force', 'broken')).toBeNull();
    expect(statusChangeProblem('in_force', 'expired')).toBeNull();
    expect(statusChangeProblem('proposed', 'in_force')).toBe(
      'the regime is proposed: next it can be agreed, not in_force',
    );
    expect(statusChangeProblem('broken', 'in_force')).toBe(
      'the regime is broken: its status no longer changes',
    );
    for (const from of CEASEFIRE_STATUSES)
      expect(nextStatuses(from).every((to) => !nextStatuses(to).includes(from))).toBe(true);
  });

  it('ends its duration in days after its start', () => {
    expect(endOf(new Date('2025-05-08T00:00:00Z'), 3)?.toISOString()).toBe(
      '2025-05-11T00:00:00.000Z',
    );
    expect(endOf(null, 30)).toBeNull();
  });
});
