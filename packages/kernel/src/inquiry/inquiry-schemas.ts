import { z } from 'zod';
import {
  CHANNELS,
  ERASURE_BASES,
  ERASURE_REQUESTERS,
  ERASURE_SCOPES,
  LANGUAGES,
  RELATIONS,
  SAME_PERSON_DECISIONS,
} from './vocabulary.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
/** A text that may be left out or blank (then null), trimmed, of at most `max` characters. */
export const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));

/** The sought person as the family describes him; names in any script, dates possibly partial. */
export const soughtPersonBody = z.object({
  surname: optional(200),
  givenName: optional(200),
  patronymic: optional(200),
  surnameLatin: optional(200),
  givenNameLatin: optional(200),
  sex: z
    .enum(['M', 'F'])
    .nullish()
    .transform((v) => v ?? null),
  dateOfBirth: optional(10).describe('YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY'),
  placeOfBirth: optional(300),
  rank: optional(100),
  serviceNumber: optional(50),
  unit: optional(300),
  lastKnownPlace: optional(300),
  lastKnownDate: optional(10).describe('YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY'),
  circumstances: optional(4000),
  marks: optional(2000).describe('distinguishing marks, as text'),
});

export const inquirerBody = z.object({
  name: text(300),
  relation: z.enum(RELATIONS),
  contact: text(500).describe('phone, address or e-mail: read by the party bureau alone'),
  language: z.enum(LANGUAGES),
});

/** What the family chose: consent to tracing, and with whom its inquiry may be shared. */
export const consentBody = z.object({
  tracing: z.boolean().describe('the family consents to its inquiry being used for tracing'),
  sharing: z.object({
    mediator: z.boolean(),
    icrc: z.boolean(),
    otherParty: z.boolean(),
  }),
});

/** A family's inquiry as the bureau registers it (POST …/inquiries). */
export const inquiryBody = z.object({
  party: z
    .string()
    .regex(/^[A-Za-z]{2,8}$/)
    .optional()
    .describe("the party whose bureau registers it; the officer's own when left out"),
  channel: z.enum(CHANNELS),
  receivedOn: z.iso.date(),
  inquirer: inquirerBody,
  sought: soughtPersonBody,
  consent: consentBody,
});
export type InquiryBody = z.input<typeof inquiryBody>;

/**
 * The bureau's decision on a possible same-person pair: merge them (confirmed) or not the same
 * (rejected, which needs the reason; a merge may give one).
 */
export const samePersonDecisionBody = z
  .object({
    decision: z.enum(SAME_PERSON_DECISIONS),
    reason: optional(1000).describe('why; required when the two are not the same'),
  })
  .superRefine((body, context) => {
    if (body.decision === 'rejected' && !body.reason)
      context.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'say why the two inquiries are not about the same person',
      });
  });
export type SamePersonDecisionBody = z.input<typeof samePersonDecisionBody>;

/** An inquirer's request to erase their data (POST …/inquiries/:inquiry/erasure). */
export const erasureBody = z.object({
  scope: z.enum(ERASURE_SCOPES).describe("'inquirer': the inquirer's compartment; 'inquiry': all"),
  requester: z.enum(ERASURE_REQUESTERS),
  requestedOn: z.iso.date().describe('the day the request was made'),
  basis: z.enum(ERASURE_BASES).describe('the legal basis on which the law allows the erasure'),
  basisNote: optional(500).describe('the article or decision relied on; no personal data'),
});
export type ErasureBody = z.input<typeof erasureBody>;

/** A legal hold: the inquiry is kept from retention and erasure, for the reason given. */
export const legalHoldBody = z.object({ reason: text(500) });
