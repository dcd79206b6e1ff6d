// The API's answers by the names the web gives them, each read from the types generated from the
// server's OpenAPI document (contract.ts). The person record's vocabulary is the shared kernel's.
import type { GrantableRole, Permission, Role } from '@parley/kernel/access';
import type { ListKind, PersonLine } from '@parley/kernel/person-record';
import type { Answer, Item } from './contract.ts';

export type { GrantableRole, ListKind, PersonLine, Permission, Role };

/** The roles an admin may grant (break-glass's emergency reader is not one). */
export { ROLES as GRANTABLE_ROLES } from '@parley/kernel/access';

export type Session = Answer<'/session'>;
/** A grant with what its role may do, each permission for its own party or any: the server's table. */
export type Grant = Item<Session['grants']>;
export type Mechanism = Answer<'/mechanisms/{mechanism}'>;

type Versions = '/mechanisms/{mechanism}/lists/{party}/{kind}/versions';
export type ListVersion = Item<Answer<Versions>['items']>;
export type LinesPage = Answer<`${Versions}/{version}/lines`>;
export type ImportResult = Answer<Versions, 'post'>;
export type LineProblem = Item<ImportResult['warnings']>;
export type ListDiff = Answer<`${Versions}/{version}/diff`>;

export type ReconciliationStatus = Answer<'/mechanisms/{mechanism}/reconciliation'>;
export type Run = NonNullable<ReconciliationStatus['latest']>;
export type RunStatus = Run['status'];

export const OUTCOMES = ['acknowledged', 'possible', 'not_acknowledged', 'unrequested'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type PairsPage = Answer<'/mechanisms/{mechanism}/reconciliation/pairs'>;
export type Pair = Item<PairsPage['items']>;
export type PairStatus = Pair['status'];
export type Contribution = Item<Pair['contributions']>;
export type PairSide = Pair['left'];

export type User = Item<Answer<'/users'>['items']>;
export type Credentials = Answer<'/users/{username}/reset', 'post'>;
export type ApiToken = Item<Answer<'/tokens'>['items']>;
export type AuditEntry = Item<Answer<'/audit/entries'>['items']>;
export type AuditVerification = Answer<'/audit/verify', 'post'>;
