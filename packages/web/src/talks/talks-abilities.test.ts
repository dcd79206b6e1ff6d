import { permissionsOfRole, type Role } from '@parley/kernel/access';
import { describe, expect, it } from 'vitest';
import { talksAbilitiesOf } from './talks-abilities.ts';

// Grants as the session gives them: each with its role's permissions from the server's table.
const grant = (role: Role, party: string | null = null) =>
  talksAbilitiesOf({ mechanismId: 'm', role, party, permissions: permissionsOfRole(role) });

describe('what a role may do in the record of the talks', () => {
  it('gives a party officer its own party: positions, notes and reports, no management', () => {
    expect(grant('party_officer', 'UA')).toEqual({
      manage: false,
      positionsFor: 'UA',
      recordPositions: true,
      notesOf: 'UA',
      report: true,
      verify: false,
    });
  });

  it('lets the mediator manage, state any party position and verify, but keeps notes from it', () => {
    expect(grant('mediator')).toMatchObject({
      manage: true,
      positionsFor: null,
      recordPositions: true,
      notesOf: null,
      verify: true,
    });
  });

  it('lets the verifier report and verify, and the observer only read', () => {
    expect(grant('neutral_verifier')).toMatchObject({ manage: false, report: true, verify: true });
    expect(Object.values(grant('observer')).every((v) => v === false || v === null)).toBe(true);
  });
});
