import { blankPersonLine, type PersonLine } from '../../registry/domain/list-columns.ts';

/** A list line for tests: every field empty unless given. */
export function buildLine(overrides: Partial<PersonLine> = {}): PersonLine {
  return blankPersonLine(overrides);
}
