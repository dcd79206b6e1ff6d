import { z } from 'zod';
import { CHANNELS, LANGUAGES, RELATIONS } from './vocabulary.ts';

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
