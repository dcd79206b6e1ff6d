import { z } from 'zod';
import { mechanismParams } from '@parley/kernel/http';
import { CEASEFIRE_KINDS, CEASEFIRE_SCOPES, CEASEFIRE_STATUSES } from './domain/ceasefire.ts';
import { DOCUMENT_KINDS, POINT_KINDS, STANCES } from './domain/points.ts';
import { TEXT_LANGUAGES } from './domain/translation.ts';
import {
  CONFIDENCES,
  EVENT_TYPES,
  OBSERVATION_SOURCES,
  PERCEPTIONS,
  VERIFICATIONS,
} from './domain/violation.ts';

export { mechanismParams };
export const text = (max = 2000) => z.string().trim().min(1).max(max);
const code = z.string().regex(/^[A-Za-z]{2,8}$/, 'a party or state code such as UA');
const day = z.iso.date();

export const roundBody = z.object({
  date: day,
  venue: text(300),
  mediators: z.array(code).max(10).default([]),
  delegations: z
    .array(
      z.object({
        party: code,
        head: text(200).nullable().default(null),
        members: z.array(text(200)).max(100).default([]),
      }),
    )
    .max(10)
    .default([]),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .nullable()
    .optional(),
  summary: z.string().max(10_000).optional(),
  outcomes: z
    .array(z.object({ text: text(), agreementId: z.uuid().nullable().optional() }))
    .max(100)
    .default([]),
});

const reason = z.string().trim().max(2000).nullable().optional();
export const roundParams = mechanismParams.extend({ round: z.uuid() });
export const roundCorrectionBody = roundBody
  .extend({
    mediators: z.array(code).max(10).optional(),
    delegations: roundBody.shape.delegations.unwrap().optional(),
    outcomes: roundBody.shape.outcomes.unwrap().optional(),
    reason,
  })
  .partial()
  .strict();

export const documentBody = z.object({
  title: text(300),
  author: code,
  kind: z.enum(DOCUMENT_KINDS),
  tabledOn: day,
  roundId: z.uuid().nullable().optional(),
  note: z.string().max(10_000).optional(),
  points: z
    .array(z.object({ label: text(20), kind: z.enum(POINT_KINDS), text: text(10_000) }))
    .min(1)
    .max(500),
});

export const documentParams = mechanismParams.extend({ document: text(300) });
export const documentQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export const positionBody = z.object({
  pointId: z.uuid(),
  party: code,
  stance: z.enum(STANCES),
  conditions: z.string().max(5000).nullable().optional(),
  statedOn: day,
  source: text(1000),
});

export const pointParams = documentParams.extend({ label: text(20) });
export const pointRevisionBody = z.object({
  text: text(10_000),
  kind: z.enum(POINT_KINDS).optional(),
  tabledOn: day,
  roundId: z.uuid().nullable().optional(),
  note: z.string().max(10_000).optional(),
});

export const gapQuery = z.object({ document: text(300).optional() });
export const noteBody = z.object({
  party: code.optional(),
  subject: z.string().trim().max(300).nullable().optional(),
  text: text(20_000),
});
export const notesQuery = z.object({ party: code.optional() });
export const rangeQuery = z.object({ from: day.optional(), to: day.optional() });

export const ceasefireBody = z.object({
  name: text(300),
  kind: z.enum(CEASEFIRE_KINDS),
  scope: z.array(z.enum(CEASEFIRE_SCOPES)).min(1),
  geography: text(1000),
  sectors: z.array(text(200)).max(200).default([]),
  startsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  durationDays: z.number().int().min(1).max(3650).nullable().optional(),
  extension: z.string().max(2000).nullable().optional(),
  monitoringBody: z.string().max(1000).nullable().optional(),
  proposedBy: code,
  proposedAt: z.iso.datetime({ offset: true }).optional(),
  preconditions: z.array(z.uuid()).max(100).default([]),
});
export const ceasefireParams = mechanismParams.extend({ ceasefire: text(300) });
export const statusBody = z.object({
  to: z.enum(CEASEFIRE_STATUSES),
  at: z.iso.datetime({ offset: true }).optional(),
  reason: z.string().max(2000).nullable().optional(),
});

export const reporterBody = z.union([
  z.object({ party: code }).strict(),
  z.object({ monitor: text(200) }).strict(),
]);

const optionalText = z.string().trim().max(2000).nullable().optional();
const assessmentBody = z.object({
  weapon: optionalText,
  bearingDeg: z.number().min(0).max(360).nullable().optional(),
  distanceKm: z.number().min(0).max(1000).nullable().optional(),
  trajectory: optionalText,
  confidence: z.enum(CONFIDENCES).nullable().optional(),
  consequences: optionalText,
  attribution: optionalText,
});
export const violationBody = z.object({
  reporter: reporterBody,
  ceasefire: text(300).nullable().optional(),
  sector: text(200),
  observation: z
    .object({
      source: z.enum(OBSERVATION_SOURCES),
      observerPosition: z
        .object({
          latitude: z.number().min(-90).max(90),
          longitude: z.number().min(-180).max(180),
        })
        .nullable()
        .optional(),
      windowStart: z.iso.datetime({ offset: true }),
      windowEnd: z.iso.datetime({ offset: true }),
      eventType: z.enum(EVENT_TYPES),
      count: z.number().int().min(1).max(999_999),
      perceived: z.enum(PERCEPTIONS),
    })
    .refine((o) => Date.parse(o.windowEnd) >= Date.parse(o.windowStart), {
      message: 'the window ends before it starts',
      path: ['windowEnd'],
    }),
  assessment: assessmentBody.default({}),
});

export const importBody = z.object({
  reporter: reporterBody,
  ceasefire: text(300).nullable().optional(),
  fileName: text(300).default('violations.csv'),
  csv: z.string().min(1),
});

export const violationsQuery = z.object({
  ceasefire: z.uuid().optional(),
  sector: text(200).optional(),
  from: day.optional(),
  to: day.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const countsQuery = violationsQuery.omit({ limit: true, offset: true });
export const violationParams = mechanismParams.extend({ violation: z.uuid() });
export const verificationBody = z.object({
  verification: z.enum(VERIFICATIONS),
  reason: z.string().max(2000).nullable().optional(),
});
export const assessmentCorrectionBody = z.object({
  assessment: assessmentBody.strict(),
  reason,
});

const translation = z.string().trim().min(1).max(20_000).nullable().optional();
export const translationBody = z.object({
  source: z.string().min(1).max(20_000),
  language: z.enum(TEXT_LANGUAGES),
  translations: z
    .object({ en: translation, uk: translation, ru: translation })
    .strict()
    .default({}),
});
