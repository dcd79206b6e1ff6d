// An agreement's terms that outlive it: the formula each stage keeps and checks parity against.
export type { Formula } from './formula.ts';
export {
  celOfRule,
  type BuiltRule,
  type ConditionProblem,
  type HealthStatus,
  type LegalStatus,
  type RuleCondition,
} from './rule-builder.ts';
