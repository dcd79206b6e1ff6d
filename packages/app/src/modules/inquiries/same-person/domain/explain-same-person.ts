import { buildComparison, levelOf, MISSING, personListSettings } from '@parley/engine';
import type { PersonLine } from '@parley/kernel/person-record';
import { toLinkRecord } from '../../../reconciliation/domain/index.ts';

/** How the engine compares one field of two inquiries' sought persons. */
export interface FieldComparison {
  /** The engine's field: surname, given_name, patronymic, date_of_birth, ... */
  readonly field: string;
  /** The level's stable code ('same', 'form', 'jw-0.92', 'different', 'missing'...). */
  readonly code: string;
  readonly label: string;
  /**
   * The level's weight in bits before any list trains it (log2 of the engine's prior m/u): for
   * the pair when positive, against it when negative, 0 when either value is missing.
   */
  readonly weight: number;
}

const COMPARISONS = personListSettings().comparisons.map(buildComparison);

/**
 * Why the engine took two inquiries for one person, or doubted it: each field it compares, the
 * level the two values reach and what that level weighs, as its comparators and priors say.
 */
export function explainSamePerson(a: PersonLine, b: PersonLine): FieldComparison[] {
  const [left, right] = [toLinkRecord(a).fields, toLinkRecord(b).fields];
  return COMPARISONS.map((comparison) => {
    const level = levelOf(
      comparison,
      left[comparison.field] ?? null,
      right[comparison.field] ?? null,
    );
    if (level === MISSING)
      return { field: comparison.field, code: 'missing', label: 'missing', weight: 0 };
    const m = comparison.prior.m[level]!;
    const u = comparison.prior.u[level]!;
    return {
      field: comparison.field,
      code: comparison.codes[level]!,
      label: comparison.levels[level]!,
      weight: Math.round(Math.log2(m / u) * 100) / 100,
    };
  });
}
