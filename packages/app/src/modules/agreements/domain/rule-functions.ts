import { CelScalar, celFunc, type CelFunc } from '@bufbuild/cel';
import type { ChoiceTrail } from './choice-trail.ts';
import {
  dateBounds,
  parsePartialDate,
  yearsBetween,
  type DateBounds,
} from '@parley/kernel/person-record';

/** The functions rules may apply to dates, and the only way they may read a person's dates. */
export const DATE_FUNCTIONS = ['age', 'year', 'before', 'after'] as const;

/** What each date function means, for error messages and the documentation. */
export const DATE_FUNCTION_HELP =
  'age(date, at) completed years; year(date); before(a, b) and after(a, b) compare dates';

function bounds(text: string): DateBounds {
  const parsed = parsePartialDate(text);
  // Rules and stored lines write dates in ISO form only (the list's DD.MM.YYYY is read on import).
  if (!parsed.ok || parsed.value !== text)
    throw new Error(`"${text}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  return dateBounds(parsed.value);
}

/**
 * The date functions over a trail. A partial date may leave the answer open (someone born in
 * 1990 is 34 or 35 on 2 June 2025); then the function takes one of the possible answers and
 * records the choice, and the evaluator runs the rule again for every other one. A rule is
 * decided only when every run agrees.
 */
export function dateFunctions(trail: ChoiceTrail): CelFunc[] {
  const open = (key: string, texts: string[], lo: number, hi: number): number => {
    if (lo === hi) return lo;
    for (const text of texts) trail.openDates.add(text);
    return trail.choose(key, lo, hi);
  };
  const compare = (name: 'before' | 'after', a: string, b: string): boolean => {
    const [x, y] = name === 'before' ? [a, b] : [b, a];
    const [first, second] = [bounds(x), bounds(y)];
    if (first.max < second.min) return true;
    if (first.min >= second.max) return false;
    return open(`${name}|${a}|${b}`, [a, b], 0, 1) === 1;
  };
  return [
    celFunc('age', [CelScalar.STRING, CelScalar.STRING], CelScalar.INT, (date, at) => {
      const { lo, hi } = yearsBetween(bounds(date), bounds(at));
      return BigInt(open(`age|${date}|${at}`, [date, at], lo, hi));
    }),
    celFunc('year', [CelScalar.STRING], CelScalar.INT, (date) =>
      BigInt(Math.floor(bounds(date).min / 10_000)),
    ),
    celFunc('before', [CelScalar.STRING, CelScalar.STRING], CelScalar.BOOL, (a, b) =>
      compare('before', a, b),
    ),
    celFunc('after', [CelScalar.STRING, CelScalar.STRING], CelScalar.BOOL, (a, b) =>
      compare('after', a, b),
    ),
  ];
}
