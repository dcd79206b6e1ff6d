/**
 * An inquiry's words, as the server stores them and the web offers them: its statuses, why one is
 * closed, how it came, who asks and in which language the family reads.
 */

/** What the bureau may tell the family, from no information to the person handed over, or closed. */
export const INQUIRY_STATUSES = [
  'no_information',
  'under_review',
  'acknowledged',
  'on_stage',
  'handed_over',
  'remains_identified',
  'closed',
] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** Why an inquiry was closed. */
export const CLOSE_REASONS = [
  'answered',
  'withdrawn_by_family',
  'merged',
  'found_outside_parley',
  'other',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** How the bureau took an inquiry down (a form offers these). */
export const INTAKE_CHANNELS = ['phone', 'letter', 'in_person', 'online'] as const;
/** How an inquiry came: as the bureau took it down, or from a file. */
export const CHANNELS = [...INTAKE_CHANNELS, 'file'] as const;
export type Channel = (typeof CHANNELS)[number];

export const RELATIONS = [
  'mother',
  'father',
  'wife',
  'husband',
  'partner',
  'son',
  'daughter',
  'sister',
  'brother',
  'other_relative',
  'other',
] as const;
export type Relation = (typeof RELATIONS)[number];

/** The languages a family is answered in. */
export const LANGUAGES = ['uk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A bureau's decision on two inquiries the engine found may be about one person. */
export const SAME_PERSON_DECISIONS = ['confirmed', 'rejected'] as const;
export type SamePersonDecision = (typeof SAME_PERSON_DECISIONS)[number];

/** What an erasure on the inquirer's request removes: the inquirer's compartment, or the whole inquiry. */
export const ERASURE_SCOPES = ['inquirer', 'inquiry'] as const;
export type ErasureScope = (typeof ERASURE_SCOPES)[number];

/** Who asked for the erasure. */
export const ERASURE_REQUESTERS = ['inquirer', 'legal_representative', 'sought_person'] as const;
export type ErasureRequester = (typeof ERASURE_REQUESTERS)[number];

/**
 * The legal basis on which the law allows the erasure (the grounds of the right to erasure, e.g.
 * GDPR Art. 17(1), Ukraine's Law on Personal Data Protection Art. 8, Russia's 152-FZ Art. 21).
 */
export const ERASURE_BASES = [
  'consent_withdrawn',
  'no_longer_needed',
  'objection',
  'unlawful_processing',
  'legal_obligation',
] as const;
export type ErasureBasis = (typeof ERASURE_BASES)[number];

/** Why an erasure was refused: the data must stay for now. */
export const ERASURE_REFUSALS = [
  'legal_hold',
  'match_under_review',
  'same_person_under_review',
] as const;
export type ErasureRefusal = (typeof ERASURE_REFUSALS)[number];
