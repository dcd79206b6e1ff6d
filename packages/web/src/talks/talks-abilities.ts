import type { Grant, Permission } from '../api/types.ts';

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

/** What a grant lets its holder do in the talks, from the permissions the session told. */
export function talksAbilitiesOf(grant: Grant): TalksAbilities {
  const held = grant.permissions;
  const ownParty = (permission: Permission) => (held[permission] === 'own' ? grant.party : null);
  return {
    manage: held['talks.manage'] !== undefined,
    positionsFor: ownParty('talks.position'),
    recordPositions: held['talks.position'] !== undefined,
    notesOf: ownParty('talks.note'),
    report: held['violation.report'] !== undefined,
    verify: held['violation.verify'] !== undefined,
  };
}
