import { describe, expect, it } from 'vitest';
import { refusalOf, refusalText } from './erasure.ts';

const facts = {
  legalHold: null,
  status: 'no_information' as const,
  matchesUnderReview: 0,
  pairsUnderReview: 0,
};

describe('refusalOf', () => {
  it('allows an erasure when nothing keeps the data', () => {
    expect(refusalOf(facts)).toBeNull();
    expect(refusalOf({ ...facts, status: 'closed' })).toBeNull();
  });

  it('refuses under a legal hold first, then while a match or a pair waits for a decision', () => {
    expect(refusalOf({ ...facts, legalHold: 'court case 12/2025', status: 'under_review' })).toBe(
      'legal_hold',
    );
    expect(refusalOf({ ...facts, status: 'under_review' })).toBe('match_under_review');
    expect(refusalOf({ ...facts, matchesUnderReview: 1 })).toBe('match_under_review');
    expect(refusalOf({ ...facts, pairsUnderReview: 2 })).toBe('same_person_under_review');
  });

  it('says why, with the hold’s reason', () => {
    expect(refusalText('legal_hold', 'court case 12/2025')).toBe(
      'the inquiry is under a legal hold (court case 12/2025): lift the hold first',
    );
  });
});
