import type { Grant, ListKind, Mechanism, Permission } from '../api/types.ts';

/** What a grant may do in the UI; the server checks every request again (permissions.ts). Every role reads agreements. */
export interface Abilities {
  seeLists: boolean;
  readLines: boolean;
  importLists: boolean;
  exportLists: boolean;
  readReconciliation: boolean;
  runReconciliation: boolean;
  decidePairs: boolean;
  manageAgreements: boolean;
  readEligibility: boolean;
  readExchange: boolean;
  moveOnPath: boolean;
  manageExchange: boolean;
  signManifests: boolean;
}

/** Each ability, and the permission of the server's table (permissions.ts) that grants it. */
const PERMISSION_OF: Record<keyof Abilities, Permission> = {
  seeLists: 'list.versions',
  readLines: 'list.read',
  importLists: 'list.import',
  exportLists: 'list.export',
  readReconciliation: 'reconciliation.read',
  runReconciliation: 'reconciliation.run',
  decidePairs: 'review.decide',
  manageAgreements: 'agreement.manage',
  readEligibility: 'eligibility.read',
  readExchange: 'exchange.read',
  moveOnPath: 'exchange.move',
  manageExchange: 'exchange.manage',
  signManifests: 'exchange.sign',
};

/** What a grant lets its holder do in the UI, as the session told it. */
export function abilitiesOf(grant: Pick<Grant, 'permissions'>): Abilities {
  const abilities = {} as Abilities;
  for (const ability of Object.keys(PERMISSION_OF) as Array<keyof Abilities>) {
    abilities[ability] = grant.permissions[PERMISSION_OF[ability]] !== undefined;
  }
  return abilities;
}

/** The lists a grant may open: its own party's for party roles, every party's for the others. */
export function listsOf(
  grant: Grant,
  mechanism: Mechanism,
): Array<{ party: string; kind: ListKind }> {
  const parties = grant.party ? [grant.party] : mechanism.parties;
  return parties.flatMap((party) => [
    { party, kind: 'sought' as const },
    { party, kind: 'held' as const },
  ]);
}

/** The URL segment that names a grant within a mechanism: `mediator`, `party_officer-UA`. */
export function grantKey(grant: Pick<Grant, 'role' | 'party'>): string {
  return grant.party ? `${grant.role}-${grant.party}` : grant.role;
}

export function findGrant(
  grants: readonly Grant[],
  mechanismId: string,
  key: string,
): Grant | undefined {
  return grants.find((g) => g.mechanismId === mechanismId && grantKey(g) === key);
}
