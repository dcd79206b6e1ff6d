import { permissionsOfRole, ROLES, type Role } from '@parley/kernel/access';
import { describe, expect, it } from 'vitest';
import { abilitiesOf } from './abilities.ts';

const abilities = (role: Role) => abilitiesOf({ permissions: permissionsOfRole(role) });

describe('what a grant may do in the web application, from the permissions the session tells', () => {
  it('lets a party officer import and export its lists and sign, and not reconcile', () => {
    expect(abilities('party_officer')).toMatchObject({
      importLists: true,
      exportLists: true,
      signManifests: true,
      readReconciliation: false,
      decidePairs: false,
    });
  });

  it('lets the mediator reconcile, decide pairs and manage the exchange, and import nothing', () => {
    expect(abilities('mediator')).toMatchObject({
      runReconciliation: true,
      decidePairs: true,
      manageExchange: true,
      manageAgreements: true,
      importLists: false,
    });
  });

  it('shows an observer the lists it may see and no line of them', () => {
    const observer = abilities('observer');
    expect(observer.seeLists).toBe(true);
    expect(Object.entries(observer).filter(([, may]) => may)).toEqual([['seeLists', true]]);
  });

  it('grants nothing that the session did not tell', () => {
    expect(Object.values(abilitiesOf({ permissions: {} })).some(Boolean)).toBe(false);
    for (const role of ROLES) expect(abilities(role).seeLists).toBe(true);
  });
});
