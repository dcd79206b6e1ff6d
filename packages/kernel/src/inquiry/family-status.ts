import { z } from 'zod';
import { CLOSE_REASONS, LANGUAGES } from './vocabulary.ts';

/**
 * What a family may be shown of its inquiry's status: a doubtful match is the bureau's and the
 * mediator's work, never the family's news, so "under review" is not among them.
 */
export const FAMILY_STATUSES = [
  'no_information',
  'acknowledged',
  'on_stage',
  'handed_over',
  'remains_identified',
  'closed',
] as const;
export type FamilyStatus = (typeof FAMILY_STATUSES)[number];

/** The code a family types on the public status page. */
export const familyCodeBody = z.object({
  code: z.string().trim().min(1).max(64).describe('the code the bureau gave the family'),
});

/** The one inquiry's status as its family sees it: no names, nothing of anyone else. */
export const familyStatusResponse = z.object({
  /** The inquiry's number at the bureau (e.g. UA-17), as the family's letters name it. */
  inquiry: z.string(),
  receivedOn: z.string(),
  status: z.enum(FAMILY_STATUSES),
  /** The day the status shown holds from. */
  since: z.string(),
  /** The day he was handed over, when he was. */
  handedOverOn: z.string().nullable(),
  closeReason: z.enum(CLOSE_REASONS).nullable(),
  /** The inquirer's language: the page speaks it unless the family chose another. */
  language: z.enum(LANGUAGES),
});
export type FamilyStatusView = z.infer<typeof familyStatusResponse>;

/** A family's status code as the bureau sees it after issuing: never the code itself. */
export const familyCodeResponse = z.object({
  id: z.uuid(),
  inquiryId: z.uuid(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastViewedAt: z.string().nullable(),
  views: z.number().int(),
});
