import { isCelError, type CelError, type CelInput } from '@bufbuild/cel';
import { blankPersonLine, type PersonLine } from '@parley/kernel/person-record';
import type { ChoiceTrail } from './choice-trail.ts';
import type { PersonField } from './rule-analysis.ts';
import type { CompiledRule, RuleProblem } from './rule-compiler.ts';
import { classify, personBinding } from './rule-evaluation.ts';

/**
 * Runs a rule on a sample person with every field and on one with none: a mistake of type or
 * name that shows on either is refused before any list is read, with its position.
 */
export function sampleCheck(
  rule: CompiledRule,
  context: { trail: ChoiceTrail; agreement: CelInput; readFields: readonly PersonField[] },
): RuleProblem | null {
  const extra = Object.fromEntries(
    rule.reads.fields.filter((f) => f.startsWith('extra.')).map((f) => [f.slice(6), 'yes']),
  );
  for (const line of [samplePerson(extra), emptyPerson()]) {
    const bindings = {
      person: personBinding(line, context.readFields),
      agreement: context.agreement,
    };
    context.trail.reset();
    const value = rule.run(bindings);
    if (isCelError(value)) {
      const errors = new Set<string>();
      classify(rule, value, new Set(), errors);
      const leaf = firstMistake(rule, value);
      if (errors.size > 0 && leaf)
        return { ...rule.positionOf(leaf.exprId), message: leaf.message };
    } else if (typeof value !== 'boolean') {
      const type =
        typeof value === 'bigint' || typeof value === 'number' ? 'a number' : typeof value;
      return { line: 1, column: 1, message: `the rule gives ${type}, not true or false` };
    }
  }
  return null;
}

function firstMistake(rule: CompiledRule, error: CelError): CelError | undefined {
  const queue = [error];
  while (queue.length > 0) {
    const e = queue.shift() as CelError;
    if (e.exprId === undefined || !rule.reads.fieldOfExpr.has(e.exprId)) return e;
    if (Array.isArray(e.cause)) queue.push(...(e.cause as CelError[]).filter(isCelError));
  }
  return undefined;
}

function samplePerson(extra: Record<string, string>): PersonLine {
  return {
    ...emptyPerson(),
    recordId: 'sample',
    surname: 'Sample',
    givenName: 'Sample',
    patronymic: 'Sample',
    surnameLatin: 'Sample',
    givenNameLatin: 'Sample',
    sex: 'M',
    dateOfBirth: '2000-06-15',
    placeOfBirth: 'Sample',
    nationality: 'UA',
    legalStatus: 'pow',
    rank: 'private',
    serviceNumber: '1',
    unit: 'Sample',
    captureDate: '2022-06-15',
    capturePlace: 'Sample',
    healthStatus: 'seriously_wounded',
    notes: 'Sample',
    extra,
  };
}

function emptyPerson(): PersonLine {
  return blankPersonLine({ lineNumber: 0, recordId: 'sample' });
}
