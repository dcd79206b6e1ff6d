import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PersonLine } from '@parley/kernel/person-record';
import type { AgreementDefinition } from './agreement.ts';
import { compileAgreement, type CompiledAgreement } from './eligibility.ts';
import { AGREEMENT_TEMPLATES } from './templates.ts';
import { buildLine } from './test-lines.ts';

const JUNE_2 = AGREEMENT_TEMPLATES.find((t) => t.id === 'istanbul-2025-06-02')
  ?.definition as AgreementDefinition;

function compiled(definition: AgreementDefinition): CompiledAgreement {
  const result = compileAgreement(definition);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.agreement;
}

function decide(definition: AgreementDefinition, line: Partial<PersonLine>) {
  const [result] = compiled(definition).evaluate([buildLine(line)]);
  return result;
}

const withRule = (rule: string, referenceDate = '2025-06-02'): AgreementDefinition => ({
  ...JUNE_2,
  referenceDate,
  formula: { kind: 'n_for_n', n: 1 },
  categories: [{ id: 'tested', name: 'Tested', clause: 'the tested clause', rule }],
  exclusions: [],
});

describe('eligibility under the 2 June 2025 agreement', () => {
  it('names the deciding category and clause', () => {
    expect(decide(JUNE_2, { healthStatus: 'seriously_sick', dateOfBirth: '1970' })).toEqual({
      outcome: 'eligible',
      decidedBy: 'seriously_wounded_or_sick',
      clause: expect.stringMatching(/^Istanbul, 2 June 2025, point 1/) as unknown,
      categories: ['seriously_wounded_or_sick'],
      undecided: [],
      missing: [],
      errors: [],
    });
  });

  it('decides from a year of birth when the whole year falls on one side', () => {
    expect(decide(JUNE_2, { healthStatus: 'good', dateOfBirth: '1990' })?.outcome).toBe(
      'not_eligible',
    );
    expect(decide(JUNE_2, { dateOfBirth: '2001' })).toMatchObject({
      outcome: 'eligible',
      decidedBy: 'young_servicemen',
    });
  });

  it('leaves a person undetermined and names what is missing', () => {
    // 26 on 2 June 2025 if born by 2 June 1999, else 25.
    expect(decide(JUNE_2, { healthStatus: 'good', dateOfBirth: '1999' })).toMatchObject({
      outcome: 'undetermined',
      undecided: ['young_servicemen'],
      missing: ['date_of_birth'],
    });
    expect(decide(JUNE_2, { dateOfBirth: '1980-04-02' })).toMatchObject({
      outcome: 'undetermined',
      undecided: ['seriously_wounded_or_sick'],
      missing: ['health_status'],
    });
    expect(decide(JUNE_2, {})).toMatchObject({
      outcome: 'undetermined',
      missing: ['date_of_birth', 'health_status'],
    });
  });

  it('lets a block or a hold decide against every category', () => {
    expect(
      decide(JUNE_2, { healthStatus: 'seriously_wounded', extra: { refuses_return: 'yes' } }),
    ).toMatchObject({ outcome: 'not_eligible', decidedBy: 'refuses_return' });
    expect(
      decide(JUNE_2, { dateOfBirth: '2002-01-01', extra: { legal_hold: 'true' } }),
    ).toMatchObject({ outcome: 'not_eligible', decidedBy: 'legal_hold' });
  });

  it('says when no category applies', () => {
    expect(decide(JUNE_2, { healthStatus: 'good', dateOfBirth: '1975-01-01' })).toMatchObject({
      outcome: 'not_eligible',
      decidedBy: null,
      clause: 'no category of the agreement applies',
    });
  });

  it('reads extra columns by name, and reports a rule that fails on a person', () => {
    const definition = withRule("person.extra['Captive since'] == '2014'");
    expect(decide(definition, { extra: { 'Captive since': '2014' } })?.outcome).toBe('eligible');
    expect(decide(definition, {})).toMatchObject({
      outcome: 'undetermined',
      missing: ['extra.Captive since'],
    });
    const failing = decide(withRule("int(person.service_number) > 3 || person.sex == 'F'"), {
      serviceNumber: 'AB-12',
      sex: 'M',
    });
    expect(failing?.outcome).toBe('undetermined');
    expect(failing?.errors[0]).toMatch(/^tested: .* \(line 1, column \d+\)$/);
  });
});

/** Every day of a partial date, as full dates. */
function daysOf(partial: string): string[] {
  const [year, month] = partial.split('-').map(Number) as [number, number | undefined];
  const days: string[] = [];
  for (let m = month ?? 1; m <= (month ?? 12); m++) {
    const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
    for (let d = 1; d <= last; d++)
      days.push(`${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  }
  return days;
}

const referenceDate = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const partialBirth = fc.oneof(
  fc.integer({ min: 1960, max: 2012 }).map(String),
  fc
    .tuple(fc.integer({ min: 1960, max: 2012 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
);
const ageRules = [
  'age(person.date_of_birth, agreement.reference_date) <= 25',
  'age(person.date_of_birth, agreement.reference_date) >= 18 && age(person.date_of_birth, agreement.reference_date) <= 25',
  'age(person.date_of_birth, agreement.reference_date) == 30',
  "after(person.date_of_birth, '2000-12-31')",
  "!before(person.date_of_birth, '1995-06-15') || year(person.date_of_birth) == 1990",
];

describe('three-valued evaluation (properties)', () => {
  it('decides a partial date exactly when every day it may name gives the same answer', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ageRules), partialBirth, referenceDate, (rule, birth, at) => {
        const agreement = compiled(withRule(rule, at));
        const [partial] = agreement.evaluate([buildLine({ dateOfBirth: birth })]);
        const answers = new Set(
          agreement
            .evaluate(daysOf(birth).map((day) => buildLine({ dateOfBirth: day })))
            .map((r) => r.outcome),
        );
        if (partial?.outcome === 'undetermined') {
          expect(partial.missing).toEqual(['date_of_birth']);
          // Sound, and for one age or one comparison also complete: undetermined only when days disagree.
          if (!rule.includes('&&') && !rule.includes('||')) expect(answers.size).toBe(2);
        } else {
          expect([...answers]).toEqual([partial?.outcome]);
        }
      }),
      { numRuns: 400, seed: 20250602 },
    );
  });

  const fullPerson = fc.record({
    healthStatus: fc.constantFrom(
      'good',
      'sick',
      'seriously_wounded',
      'seriously_sick',
      'slightly_wounded',
    ),
    legalStatus: fc.constantFrom('pow', 'civilian_detainee', 'undetermined'),
    dateOfBirth: fc
      .date({ min: new Date('1960-01-01'), max: new Date('2010-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    extra: fc.record({ refuses_return: fc.constantFrom('yes', 'no') }, { requiredKeys: [] }),
  });
  // What a list may lack: a field left out, a date cut to its year or month.
  const masking = fc.record({
    dropHealth: fc.boolean(),
    dropLegal: fc.boolean(),
    birth: fc.constantFrom('day', 'month', 'year', 'none'),
  });

  it('never changes a decided answer when the missing data are filled in', () => {
    const agreements = AGREEMENT_TEMPLATES.map((t) => compiled(t.definition));
    fc.assert(
      fc.property(fullPerson, masking, (person, mask) => {
        const full = buildLine(person);
        const cut = { day: 10, month: 7, year: 4, none: 0 }[mask.birth];
        const masked = buildLine({
          ...person,
          healthStatus: mask.dropHealth ? null : person.healthStatus,
          legalStatus: mask.dropLegal ? null : person.legalStatus,
          dateOfBirth: cut === 0 ? null : person.dateOfBirth.slice(0, cut),
        });
        for (const agreement of agreements) {
          const [known, partial] = agreement.evaluate([full, masked]);
          expect(known?.outcome).not.toBe('undetermined');
          if (partial?.outcome !== 'undetermined') expect(partial?.outcome).toBe(known?.outcome);
          for (const category of partial?.categories ?? [])
            expect(known?.categories).toContain(category);
        }
      }),
      { numRuns: 500, seed: 16052025 },
    );
  });

  it('gives the same answers with and without the memo', () => {
    const memo = compiled(JUNE_2);
    const plainResult = compileAgreement(JUNE_2, { memoize: false });
    if (!plainResult.ok) throw new Error('does not compile');
    fc.assert(
      fc.property(fc.array(fullPerson, { maxLength: 30 }), masking, (people, mask) => {
        const lines = people.map((p) =>
          buildLine({ ...p, healthStatus: mask.dropHealth ? null : p.healthStatus }),
        );
        expect(memo.evaluate(lines)).toEqual(plainResult.agreement.evaluate(lines));
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
