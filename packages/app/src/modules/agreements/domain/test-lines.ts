import { blankPersonLine, type PersonLine } from '@parley/kernel/person-record';

/** A list line for tests: every field empty unless given. */
export function buildLine(overrides: Partial<PersonLine> = {}): PersonLine {
  return blankPersonLine(overrides);
}
