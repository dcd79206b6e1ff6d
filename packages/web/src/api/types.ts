// The shapes of the API's answers, as /docs/json describes them. The person record's are the
// shared kernel's, as the server's are.
import type { Permission, Role } from '@parley/kernel/access';
import type { ListKind, PersonLine } from '@parley/kernel/person-record';

export type { ListKind, PersonLine, Permission, Role };

/** The roles an admin may grant (break-glass's emergency reader is not one). */
export { ROLES as GRANTABLE_ROLES } from '@parley/kernel/access';

export interface Grant {
  mechanismId: string;
  role: Role;
  party: string | null;
  /** What the role may do, each permission for its own party or any: the server's table. */
  permissions: Partial<Record<Permission, 'own' | 'any'>>;
}

export interface Session {
  actor: string;
  isAdmin: boolean;
  grants: Grant[];
  csrfToken?: string;
  mustChangePassword: boolean;
  /** The account has no authenticator yet: it enrols one before anything else. */
  mustEnrolSecondFactor: boolean;
}

export interface Mechanism {
  id: string;
  name: string;
  parties: string[];
  mediators: string[];
  createdAt: string;
}

export interface ListVersion {
  id: string;
  number: number;
  createdAt: string;
  createdBy: string;
  sourceName: string;
  sourceSha256: string;
  lineCount: number;
  flaggedLineCount: number;
  warnings: string[];
}

export interface LinesPage {
  version: ListVersion;
  total: number;
  offset: number;
  items: PersonLine[];
}

export interface LineProblem {
  line: number;
  column: string | null;
  message: string;
  value?: string;
  severity: 'error' | 'warning';
}

export interface ImportResult {
  version: ListVersion;
  warnings: LineProblem[];
}

export interface ListDiff {
  from: ListVersion | null;
  to: ListVersion;
  added: PersonLine[];
  removed: PersonLine[];
  changed: Array<{
    recordId: string;
    changes: Array<{ column: string; before: string; after: string }>;
  }>;
  unchangedCount: number;
}

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Run {
  id: string;
  status: RunStatus;
  phase: string;
  progress: number;
  versions: Array<{ party: string; kind: string; versionId: string; number: number }>;
  counts: Record<string, number> | null;
  error: string | null;
  startedBy: string;
  /** Who started it, by the name the server knows them by; null when it knows none. */
  startedByName: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export const OUTCOMES = ['acknowledged', 'possible', 'not_acknowledged', 'unrequested'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ReconciliationStatus {
  latest: Run | null;
  done: Run | null;
  summary: {
    outcomes: Array<{ party_code: string; kind: string; outcome: Outcome; n: number }>;
    duplicates: Array<{ party_code: string; kind: string; n: number }>;
    pairs: Array<{ kind: string; status: PairStatus; n: number }>;
  } | null;
}

export type PairStatus = 'matched' | 'open' | 'confirmed' | 'rejected';

export interface Contribution {
  field: string;
  level: number;
  label: string;
  /** A stable code of the level, for translations; absent in runs made before it was kept. */
  code?: string;
  weight: number;
  termFrequencyAdjustment: number;
}

export interface PairSide {
  party: string;
  kind: string;
  line: PersonLine | null;
}

export interface Pair {
  id: string;
  kind: 'link' | 'duplicate';
  status: PairStatus;
  reopened: boolean;
  weight: number;
  probability: number;
  engineDecision: 'match' | 'possible';
  leftRecordId: string;
  rightRecordId: string;
  contributions: Contribution[];
  /** The prior's part of the weight in bits; null for runs made before it was kept. */
  prior: number | null;
  /** What rival candidates took from the weight, in bits (≤ 0); null likewise. */
  rivals: number | null;
  left: PairSide;
  right: PairSide;
}

export interface PairsPage {
  runId: string;
  total: number;
  offset: number;
  items: Pair[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  /** A service account: no password, no sign-in; it acts through the tokens an admin makes for it. */
  isService: boolean;
  hasSecondFactor: boolean;
  lockedUntil: string | null;
  disabledAt: string | null;
  mustChangePassword: boolean;
  createdAt: string;
  grants: Grant[];
}

export interface Credentials {
  username: string;
  password: string;
  totpUri: string | null;
}

export interface ApiToken {
  id: string;
  name: string;
  username: string;
  mechanismId: string;
  role: Role;
  party: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  isActive: boolean;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  /** The account's display name; a token's owner and name. */
  actorName: string | null;
  mechanismId: string | null;
  mechanismName: string | null;
  action: string;
  objectIds: string[];
  reason: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  checkpoints: number;
  lastHash?: string;
  seq?: number;
  problem?: string;
}
