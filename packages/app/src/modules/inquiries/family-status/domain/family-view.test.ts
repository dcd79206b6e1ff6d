import { describe, expect, it } from 'vitest';
import { familyViewOf, type InquiryFacts } from './family-view.ts';

const facts = (overrides: Partial<InquiryFacts>): InquiryFacts => ({
  status: 'no_information',
  statusOn: '2025-06-01',
  receivedOn: '2025-05-20',
  handedOverOn: null,
  closeReason: null,
  hasReleasedMatch: false,
  ...overrides,
});

describe('what a family is told of its inquiry', () => {
  it('is "no information yet" from the day it asked, while nothing is known', () => {
    expect(familyViewOf(facts({}))).toEqual({
      status: 'no_information',
      since: '2025-05-20',
      handedOverOn: null,
      closeReason: null,
    });
  });

  it('never tells of a doubtful match, nor when it was found', () => {
    expect(familyViewOf(facts({ status: 'under_review', hasReleasedMatch: true }))).toMatchObject({
      status: 'no_information',
      since: '2025-05-20',
    });
  });

  it("tells of his name on the other side's list only once the mediator confirmed the match", () => {
    expect(familyViewOf(facts({ status: 'acknowledged' })).status).toBe('no_information');
    expect(familyViewOf(facts({ status: 'acknowledged', hasReleasedMatch: true }))).toMatchObject({
      status: 'acknowledged',
      since: '2025-06-01',
    });
    expect(familyViewOf(facts({ status: 'on_stage' })).status).toBe('no_information');
  });

  it('tells the day he was handed over, once released', () => {
    const handedOver = facts({ status: 'handed_over', handedOverOn: '2025-07-02' });
    expect(familyViewOf(handedOver).status).toBe('no_information');
    expect(familyViewOf({ ...handedOver, hasReleasedMatch: true })).toEqual({
      status: 'handed_over',
      since: '2025-07-02',
      handedOverOn: '2025-07-02',
      closeReason: null,
    });
  });

  it("says why an inquiry was closed, without the bureau's note", () => {
    expect(
      familyViewOf(facts({ status: 'closed', closeReason: 'withdrawn_by_family: asked by Ivan' })),
    ).toEqual({
      status: 'closed',
      since: '2025-06-01',
      handedOverOn: null,
      closeReason: 'withdrawn_by_family',
    });
  });
});
