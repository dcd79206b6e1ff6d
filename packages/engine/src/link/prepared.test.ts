import { describe, expect, it } from 'vitest';
import { keyTexts } from '../block/rules.ts';
import { generatePersonLists } from '../testing/index.ts';
import { dedupeList, linkLists } from './link.ts';
import { personListSettings } from './person-settings.ts';
import {
  duplicatesInPrepared,
  linkAgainstPrepared,
  linkAndPrepare,
  prepareList,
  prepareListInSteps,
} from './prepared.ts';

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

describe('finding the duplicates of new records in a list prepared before', () => {
  const settings = personListSettings({ match: 0.9, possible: 0.05, duplicate: 0.9 });
  const lists = generatePersonLists({ seed: 47, sought: 800, held: 700 });
  // One list with the same persons twice, in either side's forms; the last records come later.
  const all = [...lists.sought, ...lists.held];
  const later = all.slice(-60);
  const whole = dedupeList(all, settings, { seed: 1 });
  const prepared = prepareList(all.slice(0, -60), settings);
  const key = (a: string, b: string) => [a, b].sort().join('|');
  const laterIds = new Set(later.map((r) => r.id));

  it('finds the sure pairs that deduping the whole list finds, without deduping it again', () => {
    const expected = whole.pairs
      .filter((p) => p.decision === 'match')
      .filter((p) => laterIds.has(p.leftId) !== laterIds.has(p.rightId))
      .map((p) => key(p.leftId, p.rightId));
    const found = new Set(
      duplicatesInPrepared(later, prepared, whole.model)
        .filter((p) => p.decision === 'match')
        .map((p) => key(p.leftId, p.rightId)),
    );
    expect(expected.length).toBeGreaterThan(20);
    const same = expected.filter((pair) => found.has(pair)).length;
    expect(same / expected.length).toBeGreaterThan(0.97);
  });

  it('gives a pair the probability that deduping the whole list gives it', () => {
    const inWhole = whole.pairs.find(
      (p) => laterIds.has(p.leftId) !== laterIds.has(p.rightId) && p.decision === 'match',
    )!;
    const newId = laterIds.has(inWhole.leftId) ? inWhole.leftId : inWhole.rightId;
    const record = later.find((r) => r.id === newId)!;
    const alone = duplicatesInPrepared([record], prepared, whole.model).find(
      (p) => key(p.leftId, p.rightId) === key(inWhole.leftId, inWhole.rightId),
    )!;
    expect(Math.abs(alone.probability - inWhole.probability)).toBeLessThan(0.01);
  });
});

describe('preparing a list in steps', () => {
  it('prepares the list that preparing it at once gives', async () => {
    const settings = personListSettings({ match: 0.9, possible: 0.05 });
    const { sought } = generatePersonLists({ seed: 5, sought: 1_000, held: 10 });
    const inSteps = await prepareListInSteps(sought, settings, 300);
    const atOnce = prepareList(sought, settings);
    expect(inSteps.columns).toEqual(atOnce.columns);
    expect(inSteps.blocks).toEqual(atOnce.blocks);
  });
});

describe('linking two lists and keeping the right one prepared', () => {
  it('links as linkLists does and prepares the list that prepareList gives', async () => {
    const settings = personListSettings({ match: 0.9, possible: 0.05 });
    const lists = generatePersonLists({ seed: 11, sought: 900, held: 800 });
    const { result, prepared } = await linkAndPrepare(lists.sought, lists.held, settings, {
      seed: 3,
    });
    const alone = prepareList(lists.held, settings);
    expect(result.pairs).toEqual(linkLists(lists.sought, lists.held, settings, { seed: 3 }).pairs);
    expect(prepared.columns).toEqual(alone.columns);
    // Every key of either list finds the same held records in either index.
    for (const [r, rule] of settings.blocking.rules.entries()) {
      for (const record of [...lists.sought, ...lists.held]) {
        for (const key of keyTexts(rule.key(record))) {
          expect(Array.from(prepared.blocks[r]!.recordsOf(key))).toEqual(
            Array.from(alone.blocks[r]!.recordsOf(key)),
          );
        }
      }
    }
    expect(Array.from(prepared.blocks[0]!.recordsOf('no such key'))).toEqual([]);
  });
});
