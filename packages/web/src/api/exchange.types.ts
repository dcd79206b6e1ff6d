// The shapes of the agreement, eligibility and exchange answers, as /docs/json describes them.
import type { Formula } from '@parley/kernel/agreement';
import type { ListKind } from '@parley/kernel/person-record';

export type AgreementStatus =
  | 'negotiating'
  | 'agreed'
  | 'lists_exchanged'
  | 'verification'
  | 'lists_finalised'
  | 'scheduled'
  | 'executing'
  | 'completed'
  | 'suspended';

export type StageStatus = 'proposed' | 'approved' | 'executing' | 'completed';

/** The states in path order, as the server names them (parties see cleared / not cleared). */
export const PERSON_STATES = [
  'proposed',
  'acknowledged',
  'identity_verified',
  'category_confirmed',
  'fit_to_travel',
  'wish_verified',
  'cleared',
  'approved',
  'assigned',
  'in_transit',
  'handed_over',
  'receipt_confirmed',
  'closed',
  'not_found',
  'deceased',
  'refuses_return',
  'not_cleared',
  'legal_hold',
  'withdrawn',
  'data_mismatch',
  'already_released',
] as const;
export type PersonState = (typeof PERSON_STATES)[number];

export type SignerRole = 'party_officer' | 'mediator' | 'neutral_verifier';

export type Outcome3 = 'eligible' | 'not_eligible' | 'undetermined';
export const ELIGIBILITY_OUTCOMES = ['eligible', 'not_eligible', 'undetermined'] as const;

export interface AgreementRule {
  id: string;
  name: string;
  clause: string;
  rule: string;
}

export interface AgreementDefinition {
  name: string;
  date: string;
  venue: string;
  mediators: string[];
  referenceDate: string;
  formula: Formula;
  categories: AgreementRule[];
  exclusions: Array<AgreementRule & { kind: 'block' | 'hold' }>;
}

export interface AgreementVersion {
  id: string;
  number: number;
  createdAt: string;
  createdBy: string;
  definition: AgreementDefinition;
}

export interface Agreement {
  id: string;
  mechanismId: string;
  name: string;
  status: AgreementStatus;
  createdAt: string;
  createdBy: string;
  versions: AgreementVersion[];
}

export interface AgreementTemplate {
  id: string;
  description: string;
  status: AgreementStatus;
  definition: AgreementDefinition;
}

export interface ListCounts {
  party: string;
  kind: ListKind;
  listVersionId: string;
  listVersion: number;
  lines: number;
  outcomes: Partial<Record<Outcome3, number>>;
  decidedBy: Record<string, number>;
  isEvaluated?: boolean;
}

export interface EligibilityResult {
  outcome: Outcome3;
  decidedBy: string | null;
  clause: string | null;
  categories: string[];
  undecided: string[];
  missing: string[];
  errors: string[];
  recordId: string;
  lineNumber?: number;
  party?: string;
  kind?: string;
}

export interface EligibilityPage {
  agreementVersionId: string;
  listVersionId: string | null;
  total: number;
  offset: number;
  items: EligibilityResult[];
}

export interface PathPerson {
  id: string;
  party: string;
  receivingParty: string;
  recordId: string;
  category: string;
  rank: string | null;
  state: PersonState;
  stageId: string | null;
  /** As the holding party's list writes it; null where the reader may not read that list. */
  name: string | null;
  nameLatin: string | null;
}

export interface MoveResult {
  personId: string;
  ok: boolean;
  state?: PersonState;
  problem?: string;
  replacement?: string | null;
}

export interface Parity {
  /** False under all for all, which asks no parity: the counts are as they stand. */
  isRequired: boolean;
  isBalanced: boolean;
  rows: Array<{ category: string; bySide: Record<string, number>; isBalanced: boolean }>;
}

export interface StageSummary {
  id: string;
  agreementId: string;
  number: number;
  place: string;
  date: string;
  status: StageStatus;
  createdAt: string;
}

export interface StageDetail {
  id: string;
  number: number;
  place: string;
  date: string;
  status: StageStatus;
  parity: Parity;
  persons: Array<{
    id: string;
    recordId: string;
    party: string;
    category: string;
    state: PersonState;
    name: string | null;
    nameLatin: string | null;
  }>;
  /** The mediator's leave for the next list version to change this stage's persons. */
  listOverride: { by: string; at: string; reason: string | null } | null;
  /** Oldest first; a correction names the manifest it corrects. */
  manifests: Array<{ id: string; hash: string; supersedes: string | null }>;
}

export interface StageProposal {
  stageId: string;
  number: number;
  selected: number;
  surplus: Array<{ personId: string; reason: string }>;
  parity: Parity;
}

export interface ManifestPerson {
  recordId: string;
  from: string;
  to: string;
  surname: string | null;
  givenName: string | null;
  patronymic: string | null;
  rank: string | null;
  dateOfBirth: string | null;
  serviceNumber: string | null;
  category: string;
}

export interface StageManifest {
  format: string;
  mechanism: { id: string; name: string };
  agreement: { id: string; versionId: string; name: string };
  stage: { id: string; number: number; place: string; date: string };
  supersedes: string | null;
  persons: ManifestPerson[];
  counts: Record<string, Record<string, number>>;
}

export interface ManifestSignature {
  signer: string;
  role: string;
  party: string | null;
  keyId: string;
  publicKey: string;
  signedAt: string;
  signature: string;
}

/** A signed document as a self-contained file: a stage's manifest, or a handover receipt. */
export interface ManifestFile<Document = StageManifest> {
  kind: string;
  document: Document;
  hash: string;
  requiredSigners: Array<{ role: SignerRole; party: string | null }>;
  signatures: ManifestSignature[];
}

export interface ManifestVerification {
  ok: boolean;
  problems: string[];
  hash: string | null;
  signers: Array<{
    signer: string;
    role: string;
    party: string | null;
    keyId: string;
    valid: boolean;
  }>;
}

export interface SigningKey {
  keyId: string;
  username: string;
  publicKey: string;
  registeredAt: string;
  /** Who registered it: the owner, or the operator for them. */
  registeredBy: string;
  revokedAt: string | null;
}

export interface SignerRef {
  role: string;
  party: string | null;
}

/** A person of a stage and their handover receipt, as GET .../stages/:stage/receipts answers. */
export interface StageReceipt {
  personId: string;
  recordId: string;
  name: string | null;
  nameLatin: string | null;
  party: string;
  receivingParty: string;
  state: string;
  receipt: { id: string; hash: string; signed: SignerRef[]; missing: SignerRef[] } | null;
}

/** The document of a handover receipt ("parley-receipt/1"). */
export interface ReceiptDocument {
  format: string;
  mechanism: { id: string; name: string };
  stage: { id: string; number: number; place: string; date: string };
  manifest: string | null;
  person: {
    recordId: string;
    from: string;
    to: string;
    surname: string | null;
    givenName: string | null;
    dateOfBirth: string | null;
  };
  handedOverAt: string;
}
