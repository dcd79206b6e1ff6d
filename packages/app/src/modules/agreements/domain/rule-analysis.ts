import type { parse } from '@bufbuild/cel';
import { DATE_FUNCTIONS, DATE_FUNCTION_HELP } from './rule-functions.ts';

type Expr = ReturnType<typeof parse>['expr'];

/** The fields of the person record a rule may read (spec/list-format.md; not the place of detention). */
export const PERSON_FIELDS = [
  'record_id',
  'surname',
  'given_name',
  'patronymic',
  'surname_latin',
  'given_name_latin',
  'sex',
  'date_of_birth',
  'place_of_birth',
  'nationality',
  'legal_status',
  'rank',
  'service_number',
  'unit',
  'capture_date',
  'capture_place',
  'health_status',
  'notes',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/** Fields that may hold a partial date, readable only through the date functions. */
export const DATE_FIELDS: readonly PersonField[] = ['date_of_birth', 'capture_date'];

/** What a rule may read of the agreement. */
export const AGREEMENT_FIELDS = ['reference_date', 'date', 'name'] as const;

export interface AnalysisProblem {
  exprId: bigint;
  message: string;
}

/** What a rule reads: person fields ('health_status', 'extra.refuses_return') and the expression reading each. */
export interface RuleReads {
  fields: string[];
  fieldOfExpr: Map<bigint, string>;
}

const isIdent = (expr: Expr | undefined, name: string): boolean =>
  expr?.exprKind.case === 'identExpr' && expr.exprKind.value.name === name;

const isPersonExtra = (expr: Expr | undefined): boolean =>
  expr?.exprKind.case === 'selectExpr' &&
  expr.exprKind.value.field === 'extra' &&
  isIdent(expr.exprKind.value.operand, 'person');

/**
 * Checks the names a rule uses (person and agreement fields, comprehension variables) and that
 * partial dates are read through the date functions only, and lists what the rule reads of the
 * person. Reading dates only through those functions is what makes the evaluation of partial
 * dates sound (see eligibility.ts).
 */
export function analyseRule(root: Expr): { reads: RuleReads; problems: AnalysisProblem[] } {
  const problems: AnalysisProblem[] = [];
  const fields = new Set<string>();
  const fieldOfExpr = new Map<bigint, string>();
  const problem = (expr: Expr, message: string) => problems.push({ exprId: expr.id, message });
  const read = (expr: Expr, field: string) => {
    fields.add(field);
    fieldOfExpr.set(expr.id, field);
  };

  function walk(expr: Expr | undefined, scope: ReadonlySet<string>, caller: string | null): void {
    if (!expr) return;
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'identExpr': {
        const { name } = kind.value;
        if (scope.has(name)) return;
        if (name === 'person' || name === 'agreement')
          problem(
            expr,
            `${name} needs a field, e.g. ${name}.${name === 'person' ? 'sex' : 'reference_date'}`,
          );
        else
          problem(
            expr,
            `unknown name "${name}": a rule reads person.<field> and agreement.<field>`,
          );
        return;
      }
      case 'selectExpr': {
        const { operand, field, testOnly } = kind.value;
        if (isIdent(operand, 'person') && !scope.has('person')) {
          personField(expr, field, testOnly, caller);
        } else if (isPersonExtra(operand) && !scope.has('person')) {
          read(expr, `extra.${field}`);
        } else if (isIdent(operand, 'agreement') && !scope.has('agreement')) {
          if (!(AGREEMENT_FIELDS as readonly string[]).includes(field))
            problem(
              expr,
              `agreement has no field "${field}"; it has ${AGREEMENT_FIELDS.join(', ')}`,
            );
        } else walk(operand, scope, null);
        return;
      }
      case 'callExpr': {
        const { target, args, function: name } = kind.value;
        if (name === '_[_]' && isPersonExtra(args[0]) && !scope.has('person')) {
          const key = args[1]?.exprKind;
          if (key?.case === 'constExpr' && key.value.constantKind.case === 'stringValue') {
            const field = `extra.${key.value.constantKind.value}`;
            read(expr, field);
            // CEL reports a missing key of an index at the chain's root, this read's own person.
            const extra = args[0]?.exprKind;
            if (extra?.case === 'selectExpr' && extra.value.operand)
              fieldOfExpr.set(extra.value.operand.id, field);
          } else
            problem(
              expr,
              "person.extra[...] needs a column name in quotes, e.g. person.extra['Refuses return']",
            );
          return;
        }
        if (name === '_[_]' && isIdent(args[0], 'person') && !scope.has('person')) {
          problem(expr, 'write person.<field>, not person[...]');
          return;
        }
        walk(target, scope, null);
        for (const arg of args) walk(arg, scope, name);
        return;
      }
      case 'listExpr':
        for (const element of kind.value.elements) walk(element, scope, null);
        return;
      case 'structExpr':
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === 'mapKey') walk(entry.keyKind.value, scope, null);
          walk(entry.value, scope, null);
        }
        return;
      case 'comprehensionExpr': {
        const c = kind.value;
        walk(c.iterRange, scope, null);
        walk(c.accuInit, scope, null);
        const inner = new Set([...scope, c.iterVar, c.iterVar2, c.accuVar].filter(Boolean));
        walk(c.loopCondition, inner, null);
        walk(c.loopStep, inner, null);
        walk(c.result, inner, null);
        return;
      }
      case 'constExpr':
      case undefined:
        return;
    }
  }

  function personField(expr: Expr, field: string, testOnly: boolean, caller: string | null) {
    if (field === 'extra') {
      problem(
        expr,
        "person.extra needs a column name: person.extra.refuses_return, or person.extra['Refuses return']",
      );
      return;
    }
    if (field === 'detention_place') {
      problem(expr, 'the place of detention is not for rules: it is kept from most roles');
      return;
    }
    if (!(PERSON_FIELDS as readonly string[]).includes(field)) {
      problem(
        expr,
        `person has no field "${field}"; its fields are ${PERSON_FIELDS.join(', ')} and extra`,
      );
      return;
    }
    const isDateRead = caller !== null && (DATE_FUNCTIONS as readonly string[]).includes(caller);
    if (DATE_FIELDS.includes(field as PersonField) && !testOnly && !isDateRead) {
      problem(
        expr,
        `person.${field} may be partial (a year, a month), so it is read with the date functions: ${DATE_FUNCTION_HELP}`,
      );
      return;
    }
    read(expr, field);
  }

  walk(root, new Set(), null);
  return { reads: { fields: [...fields].sort(), fieldOfExpr }, problems };
}
