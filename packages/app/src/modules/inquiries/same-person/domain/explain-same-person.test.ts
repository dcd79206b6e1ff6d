import { blankPersonLine } from '@parley/kernel/person-record';
import { describe, expect, it } from 'vitest';
import { explainSamePerson } from './explain-same-person.ts';

const line = (fields: Parameters<typeof blankPersonLine>[0]) => blankPersonLine(fields);

describe('explainSamePerson', () => {
  it('says which fields agree, across Ukrainian and Russian forms, and which are missing', () => {
    const mother = line({
      recordId: 'a',
      surname: 'Бондаренко',
      givenName: 'Сергій',
      patronymic: 'Вікторович',
      dateOfBirth: '1990-11-23',
    });
    const wife = line({
      recordId: 'b',
      surname: 'Бондаренко',
      givenName: 'Сергей',
      dateOfBirth: '1990-11-23',
      unit: '24 ОМБр',
    });
    const byField = Object.fromEntries(
      explainSamePerson(mother, wife).map((c) => [c.field, c] as const),
    );
    expect(byField['surname']).toMatchObject({ code: 'same' });
    expect(byField['surname']!.weight).toBeGreaterThan(0);
    expect(byField['given_name']!.code).toBe('same');
    expect(byField['date_of_birth']!.code).toBe('exact');
    expect(byField['patronymic']).toEqual({
      field: 'patronymic',
      code: 'missing',
      label: 'missing',
      weight: 0,
    });
    expect(byField['unit']!.code).toBe('missing');
  });

  it('weighs a different date of birth against the pair', () => {
    const a = line({ recordId: 'a', surname: 'Мельник', dateOfBirth: '1993-12-03' });
    const b = line({ recordId: 'b', surname: 'Мельник', dateOfBirth: '1971-04-20' });
    const date = explainSamePerson(a, b).find((c) => c.field === 'date_of_birth')!;
    expect(date.code).toBe('different');
    expect(date.weight).toBeLessThan(0);
  });

  it('is symmetric', () => {
    const a = line({
      recordId: 'a',
      surname: 'Шевчук',
      givenName: 'Андрій',
      serviceNumber: 'AB123',
    });
    const b = line({
      recordId: 'b',
      surname: 'Шевчук',
      givenName: 'Андрей',
      serviceNumber: 'AB124',
    });
    expect(explainSamePerson(a, b)).toEqual(explainSamePerson(b, a));
  });
});
