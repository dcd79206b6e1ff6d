import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Formula } from '@parley/kernel/agreement';
import type {
  Channel,
  ErasureBasis,
  ErasureRefusal,
  ErasureRequester,
  InquiryStatus,
  Language,
  Relation,
} from '@parley/kernel/inquiry';

/** The database as Kysely sees it; SQL names are snake_case. */
export interface DB {
  party: PartyTable;
  mechanism: MechanismTable;
  mechanism_party: MechanismPartyTable;
  person_list: PersonListTable;
  list_version: ListVersionTable;
  list_line: ListLineTable;
  list_line_health: ListLineHealthTable;
  audit_entry: AuditEntryTable;
  audit_checkpoint: AuditCheckpointTable;
  audit_tree_head: AuditTreeHeadTable;
  audit_tree_node: AuditTreeNodeTable;
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  break_glass: BreakGlassTable;
  retention_policy: RetentionPolicyTable;
  agreement: AgreementTable;
  agreement_version: AgreementVersionTable;
  eligibility_evaluation: EligibilityEvaluationTable;
  eligibility_result: EligibilityResultTable;
  reconciliation_run: ReconciliationRunTable;
  reconciliation_pair: ReconciliationPairTable;
  line_outcome: LineOutcomeTable;
  review_decision: ReviewDecisionTable;
  outcome_release: OutcomeReleaseTable;
  signing_key: SigningKeyTable;
  stage: StageTable;
  exchange_person: ExchangePersonTable;
  person_transition: PersonTransitionTable;
  manifest: ManifestTable;
  manifest_signature: ManifestSignatureTable;
  offline_record: OfflineRecordTable;
  offline_action: OfflineActionTable;
  remains_batch: RemainsBatchTable;
  remains_bag: RemainsBagTable;
  talks_round: TalksRoundTable;
  talks_outcome: TalksOutcomeTable;
  talks_document: TalksDocumentTable;
  talks_document_version: TalksDocumentVersionTable;
  talks_point: TalksPointTable;
  talks_position: TalksPositionTable;
  talks_ceasefire: TalksCeasefireTable;
  talks_ceasefire_precondition: TalksCeasefirePreconditionTable;
  talks_ceasefire_event: TalksCeasefireEventTable;
  talks_violation: TalksViolationTable;
  talks_note: TalksNoteTable;
  talks_translation: TalksTranslationTable;
  background_job: BackgroundJobTable;
  rate_limit_window: RateLimitWindowTable;
  inquiry: InquiryTable;
  inquiry_inquirer: InquiryInquirerTable;
  inquiry_status_event: InquiryStatusEventTable;
  inquiry_match: InquiryMatchTable;
  inquiry_same_person: InquirySamePersonTable;
  inquiry_family_code: InquiryFamilyCodeTable;
  inquiry_erasure: InquiryErasureTable;
}

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface PartyTable {
  code: string;
  name: string;
}

export interface MechanismTable {
  id: Generated<string>;
  name: string;
  created_at: CreatedAt;
}

export interface MechanismPartyTable {
  mechanism_id: string;
  party_code: string;
  role: 'party' | 'mediator';
}

export interface PersonListTable {
  id: Generated<string>;
  mechanism_id: string;
  party_code: string;
  kind: 'held' | 'sought';
  created_at: CreatedAt;
}

export interface ListVersionTable {
  id: Generated<string>;
  list_id: string;
  number: number;
  created_at: CreatedAt;
  created_by: string;
  source_name: string;
  source_sha256: string;
  line_count: number;
  flagged_line_count: number;
  warnings: JSONColumnType<string[]>;
}

export interface ListLineTable {
  id: ColumnType<string, never, never>;
  version_id: string;
  mechanism_id: string;
  party_code: string;
  line_number: number;
  record_id: string;
  surname: string | null;
  given_name: string | null;
  patronymic: string | null;
  surname_latin: string | null;
  given_name_latin: string | null;
  sex: string | null;
  date_of_birth: string | null;
  place_of_birth: string | null;
  nationality: string | null;
  legal_status: string | null;
  rank: string | null;
  service_number: string | null;
  unit: string | null;
  capture_date: string | null;
  capture_place: string | null;
  detention_place: string | null;
  notes: string | null;
  extra: JSONColumnType<Record<string, string>>;
  invalid: JSONColumnType<Record<string, string>>;
  /** Generated (0017): what a search matches, in lower case, and the names; trigram-indexed. */
  search_text: ColumnType<string, never, never>;
  name_text: ColumnType<string, never, never>;
  /** Generated (0029): the names' key (registry domain/name-key.ts); trigram-indexed. */
  name_key: ColumnType<string, never, never>;
}

export interface ListLineHealthTable {
  version_id: string;
  mechanism_id: string;
  party_code: string;
  record_id: string;
  health_status: string | null;
}

export interface AuditEntryTable {
  seq: number;
  at: string;
  actor: string;
  mechanism_id: string | null;
  action: string;
  object_ids: JSONColumnType<string[]>;
  reason: string | null;
  request_id: string | null;
  details: JSONColumnType<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  signed_at: string;
  key_id: string;
  signature: string;
}

export interface AuditTreeHeadTable {
  tree_size: number;
  root_hash: string;
  signed_at: string;
  previous_size: number | null;
  previous_root: string | null;
  key_id: string;
  signature: string;
}

/** A perfect subtree of the audit log's Merkle tree: 2^level leaves from node_index · 2^level. */
export interface AuditTreeNodeTable {
  level: number;
  node_index: number;
  hash: string;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  is_admin: ColumnType<boolean, boolean | undefined, boolean>;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  totp_secret: string | null;
  /** The time step of the last authenticator code accepted: a code is good once. */
  totp_last_step: number | null;
  /** An authenticator being enrolled, until a code from it confirms it. */
  totp_pending_secret: string | null;
  /** A service account: no password, no sessions; it acts through tokens an admin makes for it. */
  is_service: ColumnType<boolean, boolean | undefined, boolean>;
  failed_sign_ins: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: CreatedAt;
}

export interface RoleGrantTable {
  user_id: string;
  mechanism_id: string;
  role: string;
  party_code: ColumnType<string, string | undefined, string>;
  granted_at: CreatedAt;
  granted_by: string;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface ApiTokenTable {
  id: Generated<string>;
  token_hash: string;
  name: string;
  user_id: string;
  mechanism_id: string;
  role: string;
  party_code: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface BreakGlassTable {
  id: Generated<string>;
  user_id: string;
  mechanism_id: string;
  reason: string;
  started_at: CreatedAt;
  expires_at: Date;
}

export interface RetentionPolicyTable {
  category: string;
  days: number;
  set_by: string;
  set_at: ColumnType<Date, Date | undefined, Date>;
}

/** A background job queued or running, claimed by one instance (platform/jobs, migration 0018). */
export interface BackgroundJobTable {
  key: string;
  kind: string;
  payload: ColumnType<unknown, string, string>;
  owner: string;
  lease_until: ColumnType<Date, Date | string, Date | string>;
  attempt: Generated<number>;
  created_at: Generated<Date>;
}

/** A route's rate-limit window for one client, shared by instances (platform/http, migration 0019). */
export interface RateLimitWindowTable {
  key: string;
  window_start: Generated<Date>;
  hits: number;
}

export interface ReconciliationRunTable {
  id: Generated<string>;
  mechanism_id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  phase: Generated<string>;
  progress: Generated<number>;
  settings: JSONColumnType<{ match: number; review: number; seed: number }>;
  versions: JSONColumnType<
    Array<{ party: string; kind: string; versionId: string; number: number }>,
    string | undefined,
    string
  >;
  counts: JSONColumnType<Record<string, number> | null, string | null, string | null>;
  error: string | null;
  started_by: string;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface ReconciliationPairTable {
  id: Generated<string>;
  run_id: string;
  mechanism_id: string;
  kind: 'link' | 'duplicate';
  left_party: string;
  left_kind: string;
  left_version_id: string;
  left_record_id: string;
  left_fingerprint: string;
  right_party: string;
  right_kind: string;
  right_version_id: string;
  right_record_id: string;
  right_fingerprint: string;
  weight: number;
  probability: number;
  engine_decision: 'match' | 'possible';
  status: 'matched' | 'open' | 'confirmed' | 'rejected';
  reopened: Generated<boolean>;
  contributions: JSONColumnType<unknown[]>;
  /** The prior's part of the weight, in bits; null for runs before it was kept. */
  prior_weight: number | null;
  /** What rival candidates took from the weight, in bits (≤ 0); null for runs before it was kept. */
  rivals_weight: number | null;
}

export interface LineOutcomeTable {
  run_id: string;
  mechanism_id: string;
  party_code: string;
  kind: string;
  version_id: string;
  record_id: string;
  outcome: 'acknowledged' | 'possible' | 'not_acknowledged' | 'unrequested';
  matched_record_id: string | null;
  duplicate_of: string | null;
}

export interface ReviewDecisionTable {
  mechanism_id: string;
  pair_key: string;
  decision: 'confirmed' | 'rejected';
  left_fingerprint: string;
  right_fingerprint: string;
  reason: string | null;
  decided_by: string;
  decided_at: CreatedAt;
}

export interface OutcomeReleaseTable {
  id: Generated<string>;
  mechanism_id: string;
  run_id: string;
  party_code: string;
  /** Which outcome lists: not_acknowledged, acknowledged, unrequested. */
  lists: string[];
  released_by: string;
  released_at: CreatedAt;
}

export interface AgreementTable {
  id: Generated<string>;
  mechanism_id: string;
  name: string;
  status: string;
  created_by: string;
  created_at: CreatedAt;
  status_changed_at: ColumnType<Date, Date | undefined, Date>;
}

export interface AgreementVersionTable {
  id: Generated<string>;
  agreement_id: string;
  mechanism_id: string;
  number: number;
  definition: JSONColumnType<object>;
  created_by: string;
  created_at: CreatedAt;
}

export interface EligibilityEvaluationTable {
  id: Generated<string>;
  mechanism_id: string;
  agreement_version_id: string;
  lists: JSONColumnType<object>;
  created_by: string;
  created_at: CreatedAt;
}

export interface EligibilityResultTable {
  agreement_version_id: string;
  list_version_id: string;
  record_id: string;
  mechanism_id: string;
  party_code: string;
  line_number: number;
  outcome: 'eligible' | 'not_eligible' | 'undetermined';
  decided_by: string | null;
  clause: string | null;
  categories: string[];
  undecided: string[];
  missing: string[];
  errors: string[];
}

export interface SigningKeyTable {
  key_id: string;
  mechanism_id: string;
  user_id: string;
  public_key: string;
  registered_by: string;
  registered_at: CreatedAt;
  revoked_at: Date | null;
}

export interface StageTable {
  id: Generated<string>;
  mechanism_id: string;
  agreement_id: string;
  agreement_version_id: string;
  formula: JSONColumnType<Formula, string, never>;
  number: number;
  place: string;
  date: string;
  status: 'proposed' | 'approved' | 'executing' | 'completed';
  surplus: JSONColumnType<Array<{ personId: string; reason: string }>, string | undefined, string>;
  /** The mediator's leave for the next list version to touch this stage's persons (0018). */
  list_override_by: ColumnType<string | null, string | null | undefined, string | null>;
  list_override_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  list_override_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: CreatedAt;
}

export interface ExchangePersonTable {
  id: Generated<string>;
  mechanism_id: string;
  agreement_id: string;
  party_code: string;
  receiving_party: string;
  list_version_id: string;
  record_id: string;
  category: string;
  priority: Generated<string>;
  rank: string | null;
  state: string;
  stage_id: string | null;
  updated_at: Generated<Date>;
  /** When and where the person was really handed over, as the verifier recorded it (0018). */
  handed_over_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  handover_place: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PersonTransitionTable {
  seq: Generated<number>;
  person_id: string;
  mechanism_id: string;
  party_code: string;
  receiving_party: string;
  from_state: string;
  to_state: string;
  reason: string | null;
  actor: string;
  at: CreatedAt;
}

export interface ManifestTable {
  id: Generated<string>;
  mechanism_id: string;
  stage_id: string;
  kind: string;
  document: string;
  hash: string;
  required_signers: JSONColumnType<Array<{ role: string; party: string | null }>, string, never>;
  supersedes: string | null;
  person_id: string | null;
  created_by: string;
  created_at: CreatedAt;
}

/** What a verifier or receiving officer signed offline over the actions recorded at the border. */
export interface OfflineRecordTable {
  id: Generated<string>;
  mechanism_id: string;
  stage_id: string;
  hash: string;
  document: string;
  signer: string;
  role: string;
  party_code: string;
  key_id: string;
  signature: string;
  synced_at: CreatedAt;
}

/** One action recorded offline, kept once by the id its browser gave it. */
export interface OfflineActionTable {
  client_id: string;
  mechanism_id: string;
  stage_id: string;
  record_id: string;
  person_id: string | null;
  kind: string;
  actor: string;
  recorded_at: Date;
  synced_at: Date;
  /** applied or conflict. */
  outcome: string;
  conflict: string | null;
  problem: string | null;
  server_state: string | null;
}

export interface ManifestSignatureTable {
  manifest_id: string;
  signer: string;
  role: string;
  party_code: string;
  key_id: string;
  signature: string;
  signed_at: CreatedAt;
  /** The size of the audit log's tree head signed with this signature (null before 0012). */
  log_tree_size: ColumnType<number | null, number | null | undefined, never>;
}

export interface RemainsBatchTable {
  id: Generated<string>;
  mechanism_id: string;
  from_party: string;
  to_party: string;
  label: string;
  state: 'offered' | 'accepted' | 'transferred' | 'received';
  created_by: string;
  created_at: CreatedAt;
}

export interface RemainsBagTable {
  id: Generated<string>;
  batch_id: string;
  label: string;
  bodies: number;
  state: 'pending' | 'examined' | 'identified' | 'unidentified' | 'foreign';
  note: string | null;
}

export interface TalksRoundTable {
  id: Generated<string>;
  mechanism_id: string;
  number: number;
  date: string;
  venue: string;
  mediators: JSONColumnType<string[], string, string>;
  delegations: JSONColumnType<
    Array<{ party: string; head: string | null; members: string[] }>,
    string,
    string
  >;
  duration_minutes: number | null;
  summary: Generated<string>;
  created_by: string;
  created_at: CreatedAt;
}

export interface TalksOutcomeTable {
  id: Generated<string>;
  mechanism_id: string;
  round_id: string;
  number: number;
  text: string;
  agreement_id: string | null;
}

export interface TalksDocumentTable {
  id: Generated<string>;
  mechanism_id: string;
  title: string;
  author: string;
  kind: 'memorandum' | 'plan' | 'proposal' | 'statement';
  created_by: string;
  created_at: CreatedAt;
}

export interface TalksDocumentVersionTable {
  id: Generated<string>;
  mechanism_id: string;
  document_id: string;
  number: number;
  tabled_on: string;
  round_id: string | null;
  note: Generated<string>;
  created_by: string;
  created_at: CreatedAt;
}

export interface TalksPointTable {
  id: Generated<string>;
  mechanism_id: string;
  version_id: string;
  ordinal: number;
  label: string;
  kind: string;
  text: string;
}

export interface TalksPositionTable {
  id: Generated<string>;
  mechanism_id: string;
  point_id: string;
  party_code: string;
  stance: string;
  conditions: string | null;
  stated_on: string;
  source: string;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface TalksCeasefireTable {
  id: Generated<string>;
  mechanism_id: string;
  name: string;
  kind: 'general' | 'local';
  scope: JSONColumnType<string[], string, string>;
  geography: string;
  sectors: JSONColumnType<string[], string, string>;
  starts_at: Date | null;
  duration_days: number | null;
  extension: string | null;
  monitoring_body: string | null;
  proposed_by: string;
  status: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface TalksCeasefirePreconditionTable {
  ceasefire_id: string;
  point_id: string;
}

export interface TalksCeasefireEventTable {
  id: Generated<string>;
  mechanism_id: string;
  ceasefire_id: string;
  from_status: string | null;
  to_status: string;
  at: Date;
  reason: string | null;
  recorded_by: string;
  recorded_at: CreatedAt;
}

export interface TalksViolationTable {
  id: Generated<string>;
  mechanism_id: string;
  ceasefire_id: string | null;
  reporter_kind: 'party' | 'monitor';
  reporter: string;
  verification: string;
  sector: string;
  source: string;
  observer_latitude: number | null;
  observer_longitude: number | null;
  window_start: Date;
  window_end: Date;
  event_type: string;
  event_count: number;
  perceived: string;
  weapon: string | null;
  bearing_deg: number | null;
  distance_km: number | null;
  trajectory: string | null;
  confidence: string | null;
  consequences: string | null;
  attribution: string | null;
  import_id: string | null;
  import_line: number | null;
  created_by: string;
  created_at: CreatedAt;
}

/** A text of the talks as entered, its language and its translations (migration 0025). */
export interface TalksTranslationTable {
  id: Generated<string>;
  mechanism_id: string;
  source: string;
  source_sha256: string;
  language: 'en' | 'uk' | 'ru';
  translations: JSONColumnType<Partial<Record<'en' | 'uk' | 'ru', string>>, string, string>;
  updated_by: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface TalksNoteTable {
  id: Generated<string>;
  mechanism_id: string;
  party_code: string;
  subject: string | null;
  text: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface InquiryTable {
  id: Generated<string>;
  mechanism_id: string;
  party_code: string;
  number: number;
  channel: Channel;
  received_on: string;
  surname: string | null;
  given_name: string | null;
  patronymic: string | null;
  surname_latin: string | null;
  given_name_latin: string | null;
  sex: string | null;
  date_of_birth: string | null;
  place_of_birth: string | null;
  rank: string | null;
  service_number: string | null;
  unit: string | null;
  last_known_place: string | null;
  last_known_date: string | null;
  circumstances: string | null;
  marks: string | null;
  consent_tracing: boolean;
  share_mediator: boolean;
  share_icrc: boolean;
  share_other_party: boolean;
  status: InquiryStatus;
  status_at: Date;
  created_by: string;
  created_at: CreatedAt;
  /** Why the inquiry is kept from retention and erasure; null when it is not held. */
  legal_hold: Generated<string | null>;
  legal_hold_by: Generated<string | null>;
  legal_hold_at: Generated<Date | null>;
}

export interface InquiryInquirerTable {
  inquiry_id: string;
  mechanism_id: string;
  party_code: string;
  name: string;
  relation: Relation;
  contact: string;
  language: Language;
}

export interface InquiryStatusEventTable {
  id: Generated<string>;
  mechanism_id: string;
  party_code: string;
  inquiry_id: string;
  from_status: InquiryStatus | null;
  to_status: InquiryStatus;
  reason: string | null;
  on_date: string | null;
  actor: string;
  at: Date;
}

export interface InquiryMatchTable {
  id: Generated<string>;
  mechanism_id: string;
  party_code: string;
  inquiry_id: string;
  target_party: string;
  target_version_id: string;
  target_record_id: string;
  probability: number;
  engine_decision: 'match' | 'possible';
  status: 'matched' | 'proposed' | 'confirmed' | 'rejected';
  decided_by: string | null;
  decided_at: Date | null;
  found_at: Date;
}

export interface InquirySamePersonTable {
  id: Generated<string>;
  mechanism_id: string;
  party_code: string;
  inquiry_id: string;
  other_id: string;
  probability: number;
  status: 'matched' | 'proposed' | 'confirmed' | 'rejected';
  decided_by: string | null;
  decided_at: Date | null;
  found_at: Date;
  /** The bureau's reason for its decision. */
  reason: Generated<string | null>;
}

/** A request to erase an inquirer's data and what came of it, without the data erased. */
export interface InquiryErasureTable {
  id: Generated<string>;
  mechanism_id: string;
  party_code: string;
  inquiry_id: string;
  inquiry_number: number;
  scope: 'inquirer' | 'inquiry';
  requester: ErasureRequester;
  requested_on: string;
  basis: ErasureBasis;
  basis_note: string | null;
  outcome: 'erased' | 'refused';
  refusal: ErasureRefusal | null;
  recorded_by: string;
  recorded_at: Date;
}

export interface InquiryFamilyCodeTable {
  id: Generated<string>;
  mechanism_id: string;
  party_code: string;
  inquiry_id: string;
  /** SHA-256 of the code, hex: the code itself is shown once and never stored. */
  code_hash: string;
  issued_by: string;
  issued_at: Date;
  expires_at: Date;
  revoked_by: string | null;
  revoked_at: Date | null;
  views: Generated<number>;
  last_viewed_at: Date | null;
}
