import { describe, expect, it } from 'vitest';
import type { AgreementDefinition } from './agreement.ts';
import { compileAgreement } from './eligibility.ts';
import { AGREEMENT_TEMPLATES } from './templates.ts';

const base = AGREEMENT_TEMPLATES[0]?.definition as AgreementDefinition;

function problemsOf(rule: string, where: 'category' | 'exclusion' = 'category') {
  const definition: AgreementDefinition =
    where === 'category'
      ? { ...base, categories: [{ id: 'tested', name: 'Tested', clause: 'c', rule }] }
      : {
          ...base,
          exclusions: [{ id: 'tested', kind: 'block', name: 'Tested', clause: 'c', rule }],
        };
  const compiled = compileAgreement(definition);
  return compiled.ok ? [] : compiled.problems;
}

describe('compiling rules', () => {
  it('compiles every template', () => {
    for (const template of AGREEMENT_TEMPLATES)
      expect([template.id, compileAgreement(template.definition).ok]).toEqual([template.id, true]);
  });

  it('refuses a syntax error with its line, column and category', () => {
    expect(problemsOf("person.sex == 'F' &&\n  person.rank = 'private'")).toEqual([
      {
        rule: 'tested',
        ruleKind: 'category',
        line: 2,
        column: 15,
        message: expect.stringMatching(/^syntax error: found = /) as unknown,
      },
    ]);
  });

  it('names a field the person record does not have, where it is used', () => {
    const [problem] = problemsOf("person.sex == 'M' ||\n  person.helth_status == 'sick'");
    expect(problem).toMatchObject({ rule: 'tested', line: 2, column: 9 });
    expect(problem?.message).toMatch(/^person has no field "helth_status"; its fields are/);
  });

  it('refuses unknown names and bare person', () => {
    expect(problemsOf("persn.sex == 'M'")[0]).toMatchObject({
      line: 1,
      column: 1,
      message: 'unknown name "persn": a rule reads person.<field> and agreement.<field>',
    });
    expect(problemsOf('size(person) > 0')[0]?.message).toBe(
      'person needs a field, e.g. person.sex',
    );
    expect(problemsOf("agreement.refrence_date == '2025'")[0]?.message).toBe(
      'agreement has no field "refrence_date"; it has reference_date, date, name',
    );
  });

  it('makes partial dates go through the date functions', () => {
    const [problem] = problemsOf("person.date_of_birth > '2000'");
    expect(problem).toMatchObject({ line: 1, column: 7 });
    expect(problem?.message).toMatch(/^person.date_of_birth may be partial/);
    expect(problemsOf("after(person.date_of_birth, '2000-12-31')")).toEqual([]);
    expect(problemsOf('has(person.capture_date)')).toEqual([]);
  });

  it('refuses type mistakes, rules that are not true or false, and unknown functions', () => {
    expect(problemsOf('person.rank > 3')[0]?.message).toBe(
      "found no matching overload for '_>_' applied to '(string, int)'",
    );
    expect(problemsOf('person.sex')[0]?.message).toBe('the rule gives string, not true or false');
    expect(problemsOf('age(person.date_of_birth, agreement.reference_date)')[0]?.message).toBe(
      'the rule gives a number, not true or false',
    );
    expect(problemsOf("frobnicate(person.sex) == 'M'")[0]?.message).toBe(
      'unbound function: frobnicate',
    );
    expect(problemsOf("age(person.date_of_birth, '2025-13-01') > 3")[0]?.message).toBe(
      '"2025-13-01" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)',
    );
  });

  it('names an exclusion as such', () => {
    expect(problemsOf('person.extra == 1', 'exclusion')[0]).toMatchObject({
      rule: 'tested',
      ruleKind: 'exclusion',
    });
  });

  it('lists every rule that does not compile', () => {
    const compiled = compileAgreement({
      ...base,
      categories: [
        { id: 'a', name: 'A', clause: 'c', rule: 'person.sex ==' },
        { id: 'b', name: 'B', clause: 'c', rule: "person.sex == 'F'" },
        { id: 'c', name: 'C', clause: 'c', rule: 'person.nope' },
      ],
    });
    expect(compiled.ok ? [] : compiled.problems.map((p) => p.rule)).toEqual(['a', 'c']);
  });
});
