import type { HEALTH_STATUSES, LEGAL_STATUSES } from '../person-record/index.ts';

/**
 * The common forms of an agreement's rule, as a mediator states them without writing CEL: each
 * condition is one sentence of the agreement ("seriously wounded or sick", "aged 18 to 25 on the
 * reference date", "captured before 1 March 2025"), and the builder writes the CEL for them.
 */
export type RuleCondition =
  | { readonly kind: 'health'; readonly statuses: readonly HealthStatus[] }
  | { readonly kind: 'legal'; readonly statuses: readonly LegalStatus[] }
  | {
      readonly kind: 'age';
      /** Completed years, inclusive; at least one of the two. */
      readonly min?: number;
      readonly max?: number;
      /** The day the age is taken on: 'reference' (the agreement's reference date), or YYYY-MM-DD. */
      readonly on: string;
    }
  | { readonly kind: 'rank'; readonly ranks: readonly string[] }
  | { readonly kind: 'capture'; readonly when: 'before' | 'after'; readonly date: string }
  /** A column of the party's own (person.extra) holding one of the values given. */
  | { readonly kind: 'extra'; readonly column: string; readonly values: readonly string[] };

export type HealthStatus = (typeof HEALTH_STATUSES)[number];
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

/** Conditions joined: a person must meet all of them, or any one. */
export interface BuiltRule {
  readonly join: 'all' | 'any';
  readonly conditions: readonly RuleCondition[];
}

/** What is wrong with a condition, by its place in the rule (0 is the first). */
export interface ConditionProblem {
  readonly index: number;
  readonly message: string;
}

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// A column a party adds to its list: letters, digits and underscores, as CEL names them.
const EXTRA_COLUMN = /^[a-z_][a-z0-9_]{0,62}$/;

/** A CEL string literal: quotes and backslashes escaped, any other text kept as it is. */
const literal = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const listOf = (values: readonly string[]): string => `[${values.map(literal).join(', ')}]`;

function problemOf(condition: RuleCondition): string | null {
  switch (condition.kind) {
    case 'health':
    case 'legal':
      return condition.statuses.length === 0 ? 'choose at least one status' : null;
    case 'rank':
      return condition.ranks.some((rank) => rank.trim() !== '') ? null : 'name at least one rank';
    case 'age': {
      const { min, max, on } = condition;
      if (min === undefined && max === undefined) return 'give a lowest age, a highest, or both';
      for (const age of [min, max]) {
        if (age !== undefined && !(Number.isInteger(age) && age >= 0 && age <= 130)) {
          return 'an age is a whole number of years from 0 to 130';
        }
      }
      if (min !== undefined && max !== undefined && min > max) {
        return 'the lowest age is above the highest';
      }
      return on === 'reference' || ISO_DAY.test(on) ? null : 'the day is a date, YYYY-MM-DD';
    }
    case 'capture':
      return ISO_DAY.test(condition.date) ? null : 'the day is a date, YYYY-MM-DD';
    case 'extra':
      if (!EXTRA_COLUMN.test(condition.column)) {
        return 'a column of the list: small letters, digits and _';
      }
      return condition.values.some((value) => value.trim() !== '')
        ? null
        : 'give at least one value';
  }
}

/** The CEL of one condition (valid: `problemOf` found nothing). */
function celOfCondition(condition: RuleCondition): string {
  switch (condition.kind) {
    case 'health':
      return `person.health_status in ${listOf(condition.statuses)}`;
    case 'legal':
      return `person.legal_status in ${listOf(condition.statuses)}`;
    case 'rank':
      return `person.rank in ${listOf(condition.ranks.map((rank) => rank.trim()).filter(Boolean))}`;
    case 'age': {
      const on = condition.on === 'reference' ? 'agreement.reference_date' : literal(condition.on);
      const age = `age(person.date_of_birth, ${on})`;
      const bounds = [
        ...(condition.min === undefined ? [] : [`${age} >= ${condition.min}`]),
        ...(condition.max === undefined ? [] : [`${age} <= ${condition.max}`]),
      ];
      return bounds.join(' && ');
    }
    case 'capture':
      return `${condition.when}(person.capture_date, ${literal(condition.date)})`;
    case 'extra': {
      const values = condition.values.map((value) => value.trim()).filter(Boolean);
      return `has(person.extra.${condition.column}) && person.extra.${condition.column} in ${listOf(values)}`;
    }
  }
}

/**
 * The CEL of a built rule, or the problems of its conditions. Joined by "any", each condition
 * is put in brackets, so that an age range stays one condition.
 */
export function celOfRule(
  rule: BuiltRule,
): { ok: true; cel: string } | { ok: false; problems: ConditionProblem[] } {
  const problems = rule.conditions.flatMap((condition, index) => {
    const message = problemOf(condition);
    return message === null ? [] : [{ index, message }];
  });
  if (rule.conditions.length === 0) problems.push({ index: 0, message: 'add a condition' });
  if (problems.length > 0) return { ok: false, problems };
  const parts = rule.conditions.map(celOfCondition);
  if (parts.length === 1) return { ok: true, cel: parts[0]! };
  const joiner = rule.join === 'all' ? ' &&\n' : ' ||\n';
  return { ok: true, cel: parts.map((part) => `(${part})`).join(joiner) };
}
