import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brokenUniqueConstraint } from './unique-violation.ts';

describe('brokenUniqueConstraint', () => {
  it('names the constraint of a unique violation (SQLSTATE 23505)', () => {
    const error = Object.assign(new Error('duplicate key value'), {
      code: '23505',
      constraint: 'talks_ceasefire_name',
    });
    expect(brokenUniqueConstraint(error)).toBe('talks_ceasefire_name');
  });

  it('is null for anything else, and never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const isUnique =
          typeof value === 'object' &&
          value !== null &&
          (value as { code?: unknown }).code === '23505' &&
          typeof (value as { constraint?: unknown }).constraint === 'string';
        expect(brokenUniqueConstraint(value) !== null).toBe(isUnique);
      }),
    );
    expect(brokenUniqueConstraint({ code: '23503', constraint: 'fk' })).toBeNull();
  });
});
