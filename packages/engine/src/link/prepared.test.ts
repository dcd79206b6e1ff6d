import { describe, expect, it } from 'vitest';
import { generatePersonLists } from '../testing/index.ts';
import { linkLists } from './link.ts';
import { personListSettings } from './person-settings.ts';
import { linkAgainstPrepared, prepareList } from './prepared.ts';

describe('linking records against a prepared list', () => {
  const settings = personListSettings({ match: 0.9, possible: 0.05 });
  const lists = generatePersonLists({ seed: 31, sought: 1_500, held: 1_200 });
  const whole = linkLists(lists.sought, lists.held, settings, { seed: 1 });
  const prepared = prepareList(lists.held, settings);
  const matchOf = new Map(
    whole.pairs.filter((p) => p.decision === 'match').map((p) => [p.leftId, p.rightId]),
  );

  it('finds, one record at a time, the match that linking the whole lists finds', () => {
    const sample = lists.sought.slice(0, 300);
    let same = 0;
    for (const record of sample) {
      const result = linkAgainstPrepared([record], prepared, whole.model);
      const match = result.pairs.find((p) => p.decision === 'match')?.rightId;
      if (match === matchOf.get(record.id)) same++;
    }
    // Alone, a record has no rivals on its own side: a few borderline pairs differ.
    expect(same / sample.length).toBeGreaterThan(0.97);
  });

  it('gives a clear pair the probability that linking the whole lists gives it', () => {
    const [soughtId, heldId] = lists.truth.find(([s]) => matchOf.has(s))!;
    const record = lists.sought.find((r) => r.id === soughtId)!;
    const alone = linkAgainstPrepared([record], prepared, whole.model).pairs[0]!;
    const inWhole = whole.pairs.find((p) => p.leftId === soughtId && p.rightId === heldId)!;
    expect(alone.rightId).toBe(heldId);
    expect(Math.abs(alone.probability - inWhole.probability)).toBeLessThan(0.01);
  });
});
