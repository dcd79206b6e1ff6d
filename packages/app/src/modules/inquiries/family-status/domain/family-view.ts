import {
  CLOSE_REASONS,
  type CloseReason,
  type FamilyStatus,
  type InquiryStatus,
} from '@parley/kernel/inquiry';

/** What the bureau knows of one inquiry, as far as the family's page may need it. */
export interface InquiryFacts {
  readonly status: InquiryStatus;
  /** The day the present status was reached. */
  readonly statusOn: string;
  readonly receivedOn: string;
  /** The day he was handed over, as the last move to handed over named it. */
  readonly handedOverOn: string | null;
  /** The reason the inquiry was closed with ("answered: a note" keeps only "answered"). */
  readonly closeReason: string | null;
  /** Whether the mediator confirmed a match of the inquiry with the other side's list. */
  readonly hasReleasedMatch: boolean;
}

/** The status the family is shown, from when, and nothing else. */
export interface FamilyView {
  readonly status: FamilyStatus;
  readonly since: string;
  readonly handedOverOn: string | null;
  readonly closeReason: CloseReason | null;
}

const reasonOf = (text: string | null): CloseReason | null => {
  const code = text?.split(':')[0]?.trim();
  return (CLOSE_REASONS as readonly string[]).includes(code ?? '') ? (code as CloseReason) : null;
};

/**
 * What a family may be told of its inquiry. What comes from the other side (his name on its held
 * list, his place on a stage) is told only once the mediator confirmed the match, which is its
 * release; a doubtful match is never news. That holds for his handover and identified remains
 * too, which reach the inquiry only through a match: the engine alone never tells a family. Until
 * then the family reads "no information yet", dated from its inquiry, so that not even the day of
 * an unreleased finding shows. A closed inquiry says why (the bureau's note, which may name
 * others, stays out).
 */
export function familyViewOf(facts: InquiryFacts): FamilyView {
  const nothingYet: FamilyView = {
    status: 'no_information',
    since: facts.receivedOn,
    handedOverOn: null,
    closeReason: null,
  };
  switch (facts.status) {
    case 'no_information':
    case 'under_review':
      return nothingYet;
    case 'acknowledged':
    case 'on_stage':
    case 'remains_identified':
      return facts.hasReleasedMatch
        ? { status: facts.status, since: facts.statusOn, handedOverOn: null, closeReason: null }
        : nothingYet;
    case 'handed_over':
      return facts.hasReleasedMatch
        ? {
            status: 'handed_over',
            since: facts.handedOverOn ?? facts.statusOn,
            handedOverOn: facts.handedOverOn,
            closeReason: null,
          }
        : nothingYet;
    case 'closed':
      return {
        status: 'closed',
        since: facts.statusOn,
        handedOverOn: null,
        closeReason: reasonOf(facts.closeReason),
      };
  }
}
