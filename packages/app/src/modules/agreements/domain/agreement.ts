import type { Formula } from '@parley/kernel/agreement';

export type AgreementId = string & { readonly __brand: 'AgreementId' };
export type AgreementVersionId = string & { readonly __brand: 'AgreementVersionId' };

/** An agreement's state (DOMAIN.md, "Workflow states"). */
export const AGREEMENT_STATUSES = [
  'negotiating',
  'agreed',
  'lists_exchanged',
  'verification',
  'lists_finalised',
  'scheduled',
  'executing',
  'completed',
  'suspended',
  'disputed',
] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

const MAIN_LINE = AGREEMENT_STATUSES.slice(0, 8);

/**
 * Whether an agreement may move from one state to another: one step along the main line, to
 * suspended or disputed from any state before completed, and back from those to any state
 * before completed.
 */
export function isTransitionAllowed(from: AgreementStatus, to: AgreementStatus): boolean {
  if (from === to || from === 'completed') return false;
  if (to === 'suspended' || to === 'disputed') return true;
  if (from === 'suspended' || from === 'disputed') return to !== 'completed';
  return MAIN_LINE.indexOf(to) === MAIN_LINE.indexOf(from) + 1;
}

/** A category of persons the agreement covers: a CEL rule over the person record, and the clause it comes from. */
export interface Category {
  id: string;
  name: string;
  clause: string;
  rule: string;
}

/** A block (the person is not exchanged) or a hold (the detaining side may keep the person), also a CEL rule. */
export interface Exclusion {
  id: string;
  kind: 'block' | 'hold';
  name: string;
  clause: string;
  rule: string;
}

// The formula outlives the agreement in each stage's copy; the shared kernel holds its type.
export type { Formula } from '@parley/kernel/agreement';

/** One version of an agreement's terms; versions never change once written. */
export interface AgreementDefinition {
  name: string;
  /** When it was agreed: YYYY-MM-DD. */
  date: string;
  venue: string;
  mediators: string[];
  /** The date rules measure ages and durations against: YYYY-MM-DD. */
  referenceDate: string;
  formula: Formula;
  categories: Category[];
  exclusions: Exclusion[];
}

export interface Agreement {
  id: AgreementId;
  mechanismId: string;
  name: string;
  status: AgreementStatus;
  createdAt: Date;
  createdBy: string;
  versions: AgreementVersion[];
}

export interface AgreementVersion {
  id: AgreementVersionId;
  agreementId: AgreementId;
  number: number;
  createdAt: Date;
  createdBy: string;
  definition: AgreementDefinition;
}

/** A mistake in a definition, naming the field and the value. */
export interface DefinitionProblem {
  field: string;
  message: string;
}

const ID = /^[a-z][a-z0-9_]{0,39}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a text is a whole calendar date, YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Checks what the rules' compiler does not: names, dates, ids, and the formula's references. */
export function checkDefinition(definition: AgreementDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  if (definition.name.trim() === '') problem('name', 'an agreement needs a name');
  for (const field of ['date', 'referenceDate'] as const) {
    if (!isCalendarDate(definition[field]))
      problem(field, `"${definition[field]}" is not a date in the form YYYY-MM-DD`);
  }
  const ids = new Set<string>();
  const rules = [
    ...definition.categories.map((rule, i) => ({ rule, field: `categories[${i}]` })),
    ...definition.exclusions.map((rule, i) => ({ rule, field: `exclusions[${i}]` })),
  ];
  for (const { rule, field } of rules) {
    if (!ID.test(rule.id))
      problem(
        `${field}.id`,
        `"${rule.id}" is not an id: lower-case letters, digits and _, starting with a letter`,
      );
    else if (ids.has(rule.id)) problem(`${field}.id`, `"${rule.id}" is used twice`);
    ids.add(rule.id);
    if (rule.rule.trim() === '') problem(`${field}.rule`, `${rule.id} has no rule`);
  }
  if (definition.categories.length === 0)
    problem('categories', 'an agreement needs at least one category');
  const categoryIds = new Set(definition.categories.map((c) => c.id));
  const formula = definition.formula;
  switch (formula.kind) {
    case 'all_for_all':
      for (const [i, id] of formula.categories.entries())
        if (!categoryIds.has(id))
          problem(`formula.categories[${i}]`, `"${id}" is not a category of the agreement`);
      break;
    case 'n_for_n':
      if (!Number.isInteger(formula.n) || formula.n < 1)
        problem('formula.n', `${formula.n} is not a whole number of persons`);
      break;
    case 'ratio':
      for (const [i, row] of formula.rows.entries()) {
        if (!categoryIds.has(row.category))
          problem(
            `formula.rows[${i}].category`,
            `"${row.category}" is not a category of the agreement`,
          );
        if (!Number.isInteger(row.count) || row.count < 1)
          problem(`formula.rows[${i}].count`, `${row.count} is not a whole number of persons`);
      }
      break;
    case 'rank_scale':
      if (formula.scale.length === 0) problem('formula.scale', 'a rank scale needs ranks');
      for (const [i, step] of formula.scale.entries())
        if (!(step.value > 0))
          problem(`formula.scale[${i}].value`, `${step.value} is not a positive value`);
      break;
  }
  return problems;
}
