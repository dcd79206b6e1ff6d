import type { PersonLine } from '../../registry/domain/list-columns.ts';

/** A list line for tests: every field empty unless given. */
export function buildLine(overrides: Partial<PersonLine> = {}): PersonLine {
  return {
    lineNumber: 1,
    recordId: 'R-1',
    surname: null,
    givenName: null,
    patronymic: null,
    surnameLatin: null,
    givenNameLatin: null,
    sex: null,
    dateOfBirth: null,
    placeOfBirth: null,
    nationality: null,
    legalStatus: null,
    rank: null,
    serviceNumber: null,
    unit: null,
    captureDate: null,
    capturePlace: null,
    detentionPlace: null,
    healthStatus: null,
    notes: null,
    extra: {},
    invalid: {},
    ...overrides,
  };
}
