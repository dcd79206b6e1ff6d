import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePartialDate } from '@parley/kernel/person-record';
import { statusFromEvidence, type MatchStatus } from './inquiry-status.ts';
import { checkSoughtPerson, type SoughtPerson } from './sought-person.ts';

const path = (state: string, stage = false, on: string | null = null) => ({
  state,
  onStage: stage,
  handedOverOn: on,
});

describe('an inquiry’s status from what is known', () => {
  it('says no information, under review, acknowledged, on a stage and handed over as the evidence grows', () => {
    expect(statusFromEvidence({ matches: [] }).status).toBe('no_information');
    expect(statusFromEvidence({ matches: [{ status: 'rejected', path: null }] }).status).toBe(
      'no_information',
    );
    expect(statusFromEvidence({ matches: [{ status: 'proposed', path: null }] }).status).toBe(
      'under_review',
    );
    expect(statusFromEvidence({ matches: [{ status: 'matched', path: null }] }).status).toBe(
      'acknowledged',
    );
    expect(
      statusFromEvidence({ matches: [{ status: 'confirmed', path: path('assigned', true) }] }),
    ).toEqual({ status: 'on_stage', onDate: null });
    expect(
      statusFromEvidence({
        matches: [{ status: 'matched', path: path('handed_over', true, '2025-06-10') }],
      }),
    ).toEqual({ status: 'handed_over', onDate: '2025-06-10' });
  });

  it('never tells of a doubtful or rejected match’s path', () => {
    const statuses: MatchStatus[] = ['proposed', 'rejected'];
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.boolean(), (status, onStage) => {
        const verdict = statusFromEvidence({
          matches: [{ status, path: path('handed_over', onStage, '2025-06-10') }],
        });
        expect(['no_information', 'under_review']).toContain(verdict.status);
      }),
    );
  });
});

describe('the sought person’s check', () => {
  const blank: SoughtPerson = {
    surname: 'Коваленко',
    givenName: null,
    patronymic: null,
    surnameLatin: null,
    givenNameLatin: null,
    sex: null,
    dateOfBirth: null,
    placeOfBirth: null,
    rank: null,
    serviceNumber: null,
    unit: null,
    lastKnownPlace: null,
    lastKnownDate: null,
    circumstances: null,
    marks: null,
  };

  it('keeps partial dates partial and writes DD.MM.YYYY as the list format does', () => {
    const checked = checkSoughtPerson({
      ...blank,
      dateOfBirth: '12.03.1994',
      lastKnownDate: '2024-10',
    });
    expect(checked).toMatchObject({
      ok: true,
      value: { dateOfBirth: '1994-03-12', lastKnownDate: '2024-10' },
    });
  });

  it('never throws, and either names each bad field or gives dates the kernel reads', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string({ maxLength: 12 })),
        fc.option(fc.string({ maxLength: 12 })),
        (dob, last) => {
          const checked = checkSoughtPerson({ ...blank, dateOfBirth: dob, lastKnownDate: last });
          if (checked.ok) {
            for (const date of [checked.value.dateOfBirth, checked.value.lastKnownDate])
              if (date !== null) expect(parsePartialDate(date).ok).toBe(true);
          } else {
            for (const problem of checked.problems)
              expect(['dateOfBirth', 'lastKnownDate']).toContain(problem.field);
          }
        },
      ),
    );
  });
});
