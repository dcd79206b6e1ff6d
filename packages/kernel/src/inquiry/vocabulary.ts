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
