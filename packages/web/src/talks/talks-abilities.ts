import type { Grant } from '../api/types.ts';

/** What a role may do in the record of the talks (the server's permission table decides again). */
export interface TalksAbilities {
  /** Record and correct rounds, documents and ceasefire regimes: the mediator. */
  manage: boolean;
  /** The party whose positions the role records; null for the mediator, who records any party's. */
  positionsFor: string | null;
  recordPositions: boolean;
  /** A party officer's own party, whose private notes it keeps. */
  notesOf: string | null;
  /** Report violations: a party officer for its party, the mediator and the verifier as monitors. */
  report: boolean;
  /** Verify reports and correct their assessment: the mediator and the verifier. */
  verify: boolean;
}

export function talksAbilitiesOf(grant: Grant): TalksAbilities {
  const isOfficer = grant.role === 'party_officer' && grant.party !== null;
  const isMonitor = grant.role === 'mediator' || grant.role === 'neutral_verifier';
  return {
    manage: grant.role === 'mediator',
    positionsFor: isOfficer ? grant.party : null,
    recordPositions: isOfficer || grant.role === 'mediator',
    notesOf: isOfficer ? grant.party : null,
    report: isOfficer || isMonitor,
    verify: isMonitor,
  };
}
