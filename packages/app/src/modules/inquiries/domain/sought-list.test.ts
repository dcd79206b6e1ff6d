import { describe, expect, it } from 'vitest';
import { soughtListOf, type SoughtInquiry } from './sought-list.ts';
import type { SoughtPerson } from './sought-person.ts';

const person = (surname: string): SoughtPerson => ({
  surname,
  givenName: null,
  patronymic: null,
  surnameLatin: null,
  givenNameLatin: null,
  sex: null,
  dateOfBirth: '1990',
  placeOfBirth: null,
  rank: null,
  serviceNumber: null,
  unit: null,
  lastKnownPlace: null,
  lastKnownDate: null,
  circumstances: null,
  marks: null,
});
const inquiry = (number: number, over: Partial<SoughtInquiry> = {}): SoughtInquiry => ({
  id: `i${number}`,
  number,
  status: 'no_information',
  person: person(`S${number}`),
  mayGoToOtherParty: true,
  ...over,
});

describe('the sought list from the inquiries', () => {
  it('has one line per person still sought whose family let it go to the other party', () => {
    const lines = soughtListOf(
      [
        inquiry(3),
        inquiry(1),
        inquiry(2, { mayGoToOtherParty: false }),
        inquiry(4, { status: 'handed_over' }),
        inquiry(5, { status: 'acknowledged' }),
        inquiry(6),
      ],
      // 6 asks about the same man as 1 (a wife after a mother): his line is 1's.
      [{ inquiryId: 'i6', otherId: 'i1' }],
    );
    expect(lines.map((l) => [l.recordId, l.surname, l.dateOfBirth])).toEqual([
      ['INQ-1', 'S1', '1990'],
      ['INQ-3', 'S3', '1990'],
      ['INQ-5', 'S5', '1990'],
    ]);
  });
});
