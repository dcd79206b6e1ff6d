import { describe, expect, it } from 'vitest';
import { planAction, type OfflineAction, type ServerView } from './handover-record.ts';
import type { PersonState } from './person-path.ts';

const STAGE = '6f1c7a52-41a4-4c8e-9a43-0f1f5b0d8e01';
const received: OfflineAction = {
  clientId: '0b8f5d8e-2d4b-4c65-8a3a-6f0d2f7d9c11',
  kind: 'received',
  personId: '9d3b8a41-7f6e-4f0c-b3a2-1c2d3e4f5a6b',
  recordId: 'UA-H-0003',
  expected: 'in_transit',
  recordedAt: '2025-06-09T10:15:00.000Z',
};
const officer = { user: 'ua', role: 'party_officer' as const, party: 'UA' };
const viewWith = (state: PersonState): ServerView => ({
  person: { state, stageId: STAGE, receivingParty: 'UA' },
  stage: { id: STAGE, status: 'executing' },
  isNeutral: false,
});

describe('an arrival recorded offline', () => {
  it('confirms the receipt of a person handed over', () => {
    expect(planAction(received, officer, viewWith('handed_over'))).toEqual({
      apply: 'move',
      to: 'receipt_confirmed',
    });
  });

  it('is noted for a person whose receipt is confirmed already', () => {
    expect(planAction(received, officer, viewWith('receipt_confirmed'))).toEqual({ apply: 'note' });
  });

  it('waits for the verifier when the person is not yet handed over', () => {
    expect(planAction(received, officer, viewWith('in_transit'))).toMatchObject({
      conflict: 'not_handed_over',
    });
  });

  it("is not the other side's officer's to record", () => {
    expect(
      planAction(received, { ...officer, party: 'RU' }, viewWith('handed_over')),
    ).toMatchObject({ conflict: 'not_yours' });
  });
});
