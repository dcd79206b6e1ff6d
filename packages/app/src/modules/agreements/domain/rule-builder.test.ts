import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { celOfRule, type BuiltRule, type RuleCondition } from '@parley/kernel/agreement';
import { HEALTH_STATUSES, LEGAL_STATUSES, type PersonLine } from '@parley/kernel/person-record';
import type { AgreementDefinition } from './agreement.ts';
import { compileAgreement } from './eligibility.ts';
import { AGREEMENT_TEMPLATES } from './templates.ts';
import { buildLine } from './test-lines.ts';

const REFERENCE = '2025-06-02';
const RANKS = ['private', 'sergeant', 'lieutenant', "o'brien"];
const day = fc
  .date({ min: new Date('1960-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const some = <T>(values: readonly T[]) =>
  fc.subarray([...values], { minLength: 1 }).map((chosen) => chosen as readonly T[]);

const condition: fc.Arbitrary<RuleCondition> = fc.oneof(
  some(HEALTH_STATUSES).map((statuses) => ({ kind: 'health' as const, statuses })),
  some(LEGAL_STATUSES).map((statuses) => ({ kind: 'legal' as const, statuses })),
  some(RANKS).map((ranks) => ({ kind: 'rank' as const, ranks })),
  fc
    .record({
      min: fc.option(fc.integer({ min: 16, max: 40 }), { nil: undefined }),
      span: fc.integer({ min: 0, max: 20 }),
      on: fc.oneof(fc.constant('reference'), day),
    })
    .map(({ min, span, on }) => ({
      kind: 'age' as const,
      ...(min === undefined ? { max: 18 + span } : { min, max: min + span }),
      on,
    })),
  fc
    .record({ when: fc.constantFrom('before' as const, 'after' as const), date: day })
    .map(({ when, date }) => ({ kind: 'capture' as const, when, date })),
  some(['yes', 'no', 'unknown']).map((values) => ({
    kind: 'extra' as const,
    column: 'refuses_return',
    values,
  })),
);

const line: fc.Arbitrary<PersonLine> = fc
  .record({
    healthStatus: fc.constantFrom(...HEALTH_STATUSES),
    legalStatus: fc.constantFrom(...LEGAL_STATUSES),
    rank: fc.constantFrom(...RANKS),
    dateOfBirth: day,
    captureDate: day,
    refuses: fc.constantFrom('yes', 'no', 'unknown'),
  })
  .map(({ refuses, ...fields }) => buildLine({ ...fields, extra: { refuses_return: refuses } }));

/** Completed years from one full date to another. */
const ageOn = (born: string, on: string) => {
  const number = (iso: string) => Number(iso.replaceAll('-', ''));
  return Math.floor((number(on) - number(born)) / 10_000);
};

/** What the condition means, said directly. */
function holds(c: RuleCondition, person: PersonLine): boolean {
  switch (c.kind) {
    case 'health':
      return c.statuses.includes(person.healthStatus!);
    case 'legal':
      return c.statuses.includes(person.legalStatus!);
    case 'rank':
      return c.ranks.includes(person.rank!);
    case 'age': {
      const age = ageOn(person.dateOfBirth!, c.on === 'reference' ? REFERENCE : c.on);
      return (c.min === undefined || age >= c.min) && (c.max === undefined || age <= c.max);
    }
    case 'capture':
      return c.when === 'before' ? person.captureDate! < c.date : person.captureDate! > c.date;
    case 'extra':
      return c.values.includes(person.extra[c.column]!);
  }
}

const base = AGREEMENT_TEMPLATES[0]!.definition;
const agreementWith = (rule: string): AgreementDefinition => ({
  ...base,
  referenceDate: REFERENCE,
  formula: { kind: 'n_for_n', n: 1 },
  categories: [{ id: 'built', name: 'Built', clause: 'the built clause', rule }],
  exclusions: [],
});

describe('the rule builder', () => {
  it('writes CEL that compiles and decides each person as the conditions say', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('all' as const, 'any' as const),
        fc.array(condition, { minLength: 1, maxLength: 4 }),
        fc.array(line, { minLength: 1, maxLength: 8 }),
        (join, conditions, people) => {
          const rule: BuiltRule = { join, conditions };
          const written = celOfRule(rule);
          if (!written.ok) throw new Error(JSON.stringify(written.problems));
          const compiled = compileAgreement(agreementWith(written.cel));
          if (!compiled.ok) throw new Error(`${written.cel}: ${JSON.stringify(compiled.problems)}`);
          const outcomes = compiled.agreement.evaluate(people).map((result) => result.outcome);
          const expected = people.map((person) => {
            const meets = conditions.map((c) => holds(c, person));
            const eligible = join === 'all' ? meets.every(Boolean) : meets.some(Boolean);
            return eligible ? 'eligible' : 'not_eligible';
          });
          expect(outcomes).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('writes the rules of the Istanbul agreement as a mediator says them', () => {
    expect(
      celOfRule({
        join: 'all',
        conditions: [{ kind: 'health', statuses: ['seriously_wounded', 'seriously_sick'] }],
      }),
    ).toEqual({ ok: true, cel: "person.health_status in ['seriously_wounded', 'seriously_sick']" });
    expect(
      celOfRule({ join: 'any', conditions: [{ kind: 'age', min: 18, max: 25, on: 'reference' }] }),
    ).toEqual({
      ok: true,
      cel: 'age(person.date_of_birth, agreement.reference_date) >= 18 && age(person.date_of_birth, agreement.reference_date) <= 25',
    });
  });

  it('names what is wrong with each condition, by its place', () => {
    expect(
      celOfRule({
        join: 'all',
        conditions: [
          { kind: 'health', statuses: [] },
          { kind: 'age', min: 30, max: 20, on: 'reference' },
          { kind: 'capture', when: 'before', date: '2025-13-01' },
          { kind: 'extra', column: 'Refuses return', values: ['yes'] },
        ],
      }),
    ).toEqual({
      ok: false,
      problems: [
        { index: 0, message: 'choose at least one status' },
        { index: 1, message: 'the lowest age is above the highest' },
        { index: 2, message: 'the day is a date, YYYY-MM-DD' },
        { index: 3, message: 'a column of the list: small letters, digits and _' },
      ],
    });
    expect(celOfRule({ join: 'all', conditions: [] })).toEqual({
      ok: false,
      problems: [{ index: 0, message: 'add a condition' }],
    });
  });
});
