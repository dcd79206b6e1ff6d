import type { ErasureRefusal, InquiryStatus } from '@parley/kernel/inquiry';

/** What of an inquiry keeps its data from being erased now. */
export interface ErasureFacts {
  readonly legalHold: string | null;
  readonly status: InquiryStatus;
  /** Matches of the inquiry waiting for the mediator's review. */
  readonly matchesUnderReview: number;
  /** Possible same-person pairs of the inquiry waiting for the bureau. */
  readonly pairsUnderReview: number;
}

/**
 * Why an erasure must be refused for now, or null when the law's allowance may be applied: a legal
 * hold keeps the data; so does a match or a same-person pair still open, which a decision would
 * need the inquiry for (decide it first, then erase).
 */
export function refusalOf(facts: ErasureFacts): ErasureRefusal | null {
  if (facts.legalHold !== null) return 'legal_hold';
  if (facts.status === 'under_review' || facts.matchesUnderReview > 0) return 'match_under_review';
  if (facts.pairsUnderReview > 0) return 'same_person_under_review';
  return null;
}

/** The sentence that tells the bureau why an erasure was refused. */
export function refusalText(refusal: ErasureRefusal, hold: string | null): string {
  switch (refusal) {
    case 'legal_hold':
      return `the inquiry is under a legal hold (${hold ?? 'no reason given'}): lift the hold first`;
    case 'match_under_review':
      return 'a possible match of the inquiry waits for the mediator: it must be decided first';
    case 'same_person_under_review':
      return 'a possible same-person pair of the inquiry waits for the bureau: decide it first';
  }
}
