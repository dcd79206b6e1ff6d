import { celEnv, celMap, type CelInput } from '@bufbuild/cel';
import type { PersonLine } from '@parley/kernel/person-record';
import type { AgreementDefinition, Category, Exclusion } from './agreement.ts';
import { ChoiceTrail } from './choice-trail.ts';
import { PERSON_FIELDS, type PersonField } from './rule-analysis.ts';
import { compileRule, type RuleProblem } from './rule-compiler.ts';
import {
  decideRule,
  memoKey,
  readerOf,
  type MemoRule,
  type PersonScope,
} from './rule-evaluation.ts';
import { dateFunctions } from './rule-functions.ts';
import { sampleCheck } from './rule-sample-check.ts';

/*
 * Three-valued evaluation. A person's record often lacks fields, and dates may be partial.
 *
 * Missing fields: a field the list does not give is absent from the record, so reading it is a
 * CEL error. CEL's && and || are commutative over errors (false && error is false, true ||
 * error is true) and every other operator passes an error on; an error is therefore exactly
 * Kleene's "unknown". A rule that still yields true or false yields the same whatever the
 * missing fields turn out to be; a rule that yields an error is undetermined, and the errors
 * that are reads of absent fields name what is missing. has(person.x) asks about presence
 * itself, so absence decides it.
 *
 * Partial dates: rules read dates only through the date functions (rule-analysis.ts refuses
 * anything else). When a partial date leaves a function's answer open (born 1990: 34 or 35 on
 * 2 June 2025), the function picks one possible answer and the rule is run again for every
 * other (choice-trail.ts). Every value the date could take is covered by some run, so when all
 * runs agree the answer holds for the true date; when they disagree the rule is undetermined
 * and the partial date is what is missing. Someone born in 1990 is decided for "25 or younger"
 * (every run says no); someone born in 2000 is not, on 2 June 2025.
 *
 * A rule reads few fields, so its answer is kept per combination of the values it reads: a
 * list of 100,000 persons has far fewer distinct (date of birth, health) pairs.
 */

export type Outcome = 'eligible' | 'not_eligible' | 'undetermined';

/** A person's eligibility under one agreement version: the outcome, what decided it, and what is missing. */
export interface Eligibility {
  outcome: Outcome;
  /** The category (eligible) or block or hold (not eligible) that decided; null when no category applies or undetermined. */
  decidedBy: string | null;
  clause: string | null;
  /** Every category the person certainly falls in. */
  categories: string[];
  /** Rules that could not be decided for this person. */
  undecided: string[];
  /** Fields whose absence, or partial value, left those rules open. */
  missing: string[];
  /** Rules that failed on this person's values (a mistake in the rule), with their position. */
  errors: string[];
}

export const NO_CATEGORY_CLAUSE = 'no category of the agreement applies';

/** A rule compilation problem, naming the category or exclusion. */
export interface AgreementRuleProblem extends RuleProblem {
  rule: string;
  ruleKind: 'category' | 'exclusion';
}

export interface CompiledAgreement {
  /** Decides the eligibility of each line; compile once, evaluate many. Answers are frozen and may be shared between lines. */
  evaluate(lines: readonly PersonLine[]): readonly Readonly<Eligibility>[];
}

interface Rule<T extends Category | Exclusion> extends MemoRule {
  source: T;
}

/**
 * Compiles every rule of an agreement version, or lists each rule that does not compile and
 * where. `memoize: false` evaluates every person afresh (for measuring the evaluator alone).
 */
export function compileAgreement(
  definition: AgreementDefinition,
  options: { memoize?: boolean } = {},
): { ok: true; agreement: CompiledAgreement } | { ok: false; problems: AgreementRuleProblem[] } {
  const trail = new ChoiceTrail();
  const env = celEnv({ funcs: dateFunctions(trail) });
  const problems: AgreementRuleProblem[] = [];
  function compileAll<T extends Category | Exclusion>(
    sources: T[],
    ruleKind: 'category' | 'exclusion',
  ) {
    const rules: Rule<T>[] = [];
    for (const source of sources) {
      const result = compileRule(env, source.id, source.rule);
      if (!result.ok) problems.push({ ...result.problem, rule: source.id, ruleKind });
      else
        rules.push({
          source,
          compiled: result.rule,
          readers: result.rule.reads.fields.map(readerOf),
          memo: options.memoize === false ? null : new Map(),
        });
    }
    return rules;
  }
  const categories = compileAll(definition.categories, 'category');
  const exclusions = compileAll(definition.exclusions, 'exclusion');
  if (problems.length > 0) return { ok: false, problems };

  const agreement = celMap(
    new Map([
      ['reference_date', definition.referenceDate],
      ['date', definition.date],
      ['name', definition.name],
    ]),
  );
  const readFields = PERSON_FIELDS.filter((field) =>
    [...categories, ...exclusions].some((rule) => rule.compiled.reads.fields.includes(field)),
  );
  const context = { trail, agreement, readFields };
  for (const [rules, ruleKind] of [
    [categories, 'category'],
    [exclusions, 'exclusion'],
  ] as const) {
    for (const rule of rules) {
      const problem = withoutStackTraces(() => sampleCheck(rule.compiled, context));
      if (problem) problems.push({ ...problem, rule: rule.source.id, ruleKind });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  // A person's answer depends only on the values the rules read, so it is kept per combination too.
  const readers = [
    ...new Set([...categories, ...exclusions].flatMap((rule) => rule.compiled.reads.fields)),
  ].map(readerOf);
  const answers = new Map<string, Eligibility>();
  const decide = (line: PersonLine): Eligibility => {
    if (options.memoize === false) return decidePerson(line, categories, exclusions, context);
    const key = memoKey(line, readers);
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = Object.freeze(decidePerson(line, categories, exclusions, context));
      if (answers.size >= 200_000) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  };
  return {
    ok: true,
    agreement: { evaluate: (lines) => withoutStackTraces(() => lines.map(decide)) },
  };
}

interface Context {
  trail: ChoiceTrail;
  agreement: CelInput;
  readFields: readonly PersonField[];
}

function decidePerson(
  line: PersonLine,
  categories: Rule<Category>[],
  exclusions: Rule<Exclusion>[],
  context: Context,
): Eligibility {
  const scope: PersonScope = { line, bindings: null, ...context };
  const open: Array<{ id: string; missing: string[]; errors: string[] }> = [];
  let isExclusionOpen = false;
  for (const rule of exclusions) {
    const truth = decideRule(rule, scope);
    if (truth === true) return decided('not_eligible', rule.source, [], open);
    if (truth !== false) {
      open.push({ id: rule.source.id, ...truth });
      isExclusionOpen = true;
    }
  }
  const certain: Rule<Category>[] = [];
  let isCategoryOpen = false;
  for (const rule of categories) {
    const truth = decideRule(rule, scope);
    if (truth === true) certain.push(rule);
    else if (truth !== false) {
      open.push({ id: rule.source.id, ...truth });
      isCategoryOpen = true;
    }
  }
  const categoryIds = certain.map((rule) => rule.source.id);
  const [first] = certain;
  if (!first && !isCategoryOpen) return decided('not_eligible', null, [], open);
  if (first && !isExclusionOpen) return decided('eligible', first.source, categoryIds, []);
  return {
    outcome: 'undetermined',
    decidedBy: null,
    clause: null,
    categories: categoryIds,
    undecided: open.map((rule) => rule.id),
    missing: [...new Set(open.flatMap((rule) => rule.missing))].sort(),
    errors: open.flatMap((rule) => rule.errors),
  };
}

function decided(
  outcome: Outcome,
  by: Category | Exclusion | null,
  categories: string[],
  open: Array<{ errors: string[] }>,
): Eligibility {
  return {
    outcome,
    decidedBy: by?.id ?? null,
    clause: by ? by.clause : NO_CATEGORY_CLAUSE,
    categories,
    undecided: [],
    missing: [],
    errors: open.flatMap((rule) => rule.errors),
  };
}

/** Runs synchronous work with stack traces off: unknowns are CEL errors, and a stack trace costs more than the rule. */
function withoutStackTraces<T>(work: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return work();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
