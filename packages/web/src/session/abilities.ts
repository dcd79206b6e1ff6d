import type { Grant, ListKind, Mechanism, Role } from '../api/types.ts';

/** What a role may do in the UI; the server checks every request again (permissions.ts). Every role reads agreements. */
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

const NONE: Abilities = {
  seeLists: false,
  readLines: false,
  importLists: false,
  exportLists: false,
  readReconciliation: false,
  runReconciliation: false,
  decidePairs: false,
  manageAgreements: false,
  readEligibility: false,
  readExchange: false,
  moveOnPath: false,
  manageExchange: false,
  signManifests: false,
};

const EXCHANGE_PARTY = { readEligibility: true, readExchange: true };
const SIGNS = { moveOnPath: true, signManifests: true };

const BY_ROLE: Record<Role, Partial<Abilities>> = {
  party_officer: {
    seeLists: true,
    readLines: true,
    importLists: true,
    exportLists: true,
    ...EXCHANGE_PARTY,
    ...SIGNS,
  },
  party_medical_officer: { seeLists: true, readLines: true, ...EXCHANGE_PARTY },
  mediator: {
    seeLists: true,
    readLines: true,
    exportLists: true,
    readReconciliation: true,
    runReconciliation: true,
    decidePairs: true,
    manageAgreements: true,
    manageExchange: true,
    ...EXCHANGE_PARTY,
    ...SIGNS,
  },
  neutral_verifier: {
    seeLists: true,
    readLines: true,
    readReconciliation: true,
    ...EXCHANGE_PARTY,
    ...SIGNS,
  },
  observer: { seeLists: true },
  emergency_reader: {
    seeLists: true,
    readLines: true,
    readReconciliation: true,
    ...EXCHANGE_PARTY,
  },
};

export function abilitiesOf(role: Role): Abilities {
  return { ...NONE, ...BY_ROLE[role] };
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
