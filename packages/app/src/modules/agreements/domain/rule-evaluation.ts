import { celMap, isCelError, type CelError, type CelInput } from '@bufbuild/cel';
import { FIELD_OF_COLUMN, type PersonLine } from '@parley/kernel/person-record';
import type { ChoiceTrail } from './choice-trail.ts';
import { DATE_FIELDS, type PersonField } from './rule-analysis.ts';
import type { CompiledRule } from './rule-compiler.ts';

/** A rule's answer for one person: true, false, or unknown with what is missing and any mistakes of the rule. */
export type Truth = true | false | { missing: string[]; errors: string[] };

/** A compiled rule with its answers so far, kept per combination of the values it reads. */
export interface MemoRule {
  compiled: CompiledRule;
  readers: ValueReader[];
  memo: Map<string, Truth> | null;
}

/** Reads one field a rule reads ('health_status', 'extra.refuses_return') from a line. */
export type ValueReader = (line: PersonLine) => string | null | undefined;

/** One person under evaluation: the CEL bindings are built only when some rule must run. */
export interface PersonScope {
  line: PersonLine;
  bindings: Record<string, unknown> | null;
  trail: ChoiceTrail;
  agreement: CelInput;
  readFields: readonly PersonField[];
}

const MAX_RUNS = 64;
const MEMO_LIMIT = 200_000;

/** One rule for one person: true, false, or unknown with what is missing; kept per combination of the values the rule reads. */
export function decideRule(rule: MemoRule, scope: PersonScope): Truth {
  const { memo } = rule;
  if (!memo) return runAllBranches(rule.compiled, scope);
  const key = memoKey(scope.line, rule.readers);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const truth = runAllBranches(rule.compiled, scope);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, truth);
  return truth;
}

function runAllBranches(rule: CompiledRule, scope: PersonScope): Truth {
  const { line, trail } = scope;
  scope.bindings ??= {
    person: personBinding(line, scope.readFields),
    agreement: scope.agreement,
  };
  const bindings = scope.bindings;
  trail.reset();
  const pending: number[][] = [[]];
  const missing = new Set<string>();
  const errors = new Set<string>();
  let answer: boolean | undefined;
  let isOpen = false;
  for (let runs = 0; pending.length > 0; runs++) {
    if (runs === MAX_RUNS) {
      errors.add(`${rule.id}: a partial date leaves more than ${MAX_RUNS} cases open`);
      break;
    }
    trail.begin(pending.pop() ?? []);
    const value = rule.run(bindings);
    pending.push(...trail.branches());
    if (value === true || value === false) {
      if (answer === undefined) answer = value;
      else if (answer !== value) isOpen = true;
    } else {
      isOpen = true;
      if (isCelError(value)) classify(rule, value, missing, errors);
      else errors.add(`${rule.id}: the rule gives ${typeof value}, not true or false`);
    }
  }
  if (!isOpen && answer !== undefined && errors.size === 0) return answer;
  for (const field of DATE_FIELDS) {
    const value = line[FIELD_OF_COLUMN[field]];
    if (typeof value === 'string' && trail.openDates.has(value)) missing.add(field);
  }
  return { missing: [...missing], errors: [...errors] };
}

/** Splits an error into reads of absent fields (unknowns) and mistakes of the rule. */
export function classify(
  rule: CompiledRule,
  error: CelError,
  missing: Set<string>,
  errors: Set<string>,
) {
  const leaves = (e: CelError): CelError[] => [
    e,
    ...(Array.isArray(e.cause) ? (e.cause as CelError[]).filter(isCelError).flatMap(leaves) : []),
  ];
  for (const leaf of leaves(error)) {
    const field = leaf.exprId === undefined ? undefined : rule.reads.fieldOfExpr.get(leaf.exprId);
    if (field !== undefined) missing.add(field);
    else {
      const { line, column } = rule.positionOf(leaf.exprId);
      errors.add(`${rule.id}: ${leaf.message} (line ${line}, column ${column})`);
    }
  }
}

/** The reader of a field a rule reads. */
export function readerOf(field: string): ValueReader {
  if (field.startsWith('extra.')) {
    const name = field.slice('extra.'.length);
    return (line) => line.extra[name];
  }
  const property = FIELD_OF_COLUMN[field as PersonField];
  return (line) => line[property];
}

/** The values a rule reads, as one text: equal texts, equal answers. */
export function memoKey(line: PersonLine, readers: readonly ValueReader[]): string {
  let key = '';
  for (let i = 0; i < readers.length; i++) {
    const value = (readers[i] as ValueReader)(line);
    // Length-prefixed, so that no two lists of values give the same text.
    key += value === null || value === undefined ? '-' : `${value.length}:${value}`;
  }
  return key;
}

export function personBinding(line: PersonLine, fields: readonly PersonField[]): CelInput {
  const entries = new Map<string, CelInput>();
  for (const field of fields) {
    const value = line[FIELD_OF_COLUMN[field]];
    if (typeof value === 'string') entries.set(field, value);
  }
  entries.set('extra', celMap(new Map(Object.entries(line.extra))));
  return celMap(entries);
}
