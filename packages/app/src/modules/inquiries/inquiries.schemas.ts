import { z } from 'zod';
import { mechanismParams } from '@parley/kernel/http';
import { changeResponse, versionResponse } from '../registry/index.ts';
import {
  CHANNELS,
  CLOSE_REASONS,
  ERASURE_BASES,
  ERASURE_REFUSALS,
  ERASURE_REQUESTERS,
  INQUIRY_STATUSES,
  LANGUAGES,
  RELATIONS,
  inquiryBody,
  optional,
} from '@parley/kernel/inquiry';

export { mechanismParams };
export { CHANNELS, LANGUAGES, RELATIONS, inquiryBody };

export const inquiriesQuery = z.object({
  party: z
    .string()
    .regex(/^[A-Za-z]{2,8}$/)
    .optional(),
  status: z.enum(INQUIRY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const inquiryParams = mechanismParams.extend({ inquiry: z.uuid() });
export const matchParams = mechanismParams.extend({ match: z.uuid() });
export const pairParams = mechanismParams.extend({ pair: z.uuid() });

export const closeBody = z.object({
  reason: z.enum(CLOSE_REASONS),
  note: optional(1000),
});

export const decisionBody = z.object({ decision: z.enum(['confirmed', 'rejected']) });

export const partyQuery = z.object({
  party: z
    .string()
    .regex(/^[A-Za-z]{2,8}$/)
    .optional(),
});

// The answers (what the web's contract is generated from): enums where the server's words are
// fixed, plain strings where a column holds them.

export const soughtPersonResponse = z.object({
  surname: z.string().nullable(),
  givenName: z.string().nullable(),
  patronymic: z.string().nullable(),
  surnameLatin: z.string().nullable(),
  givenNameLatin: z.string().nullable(),
  sex: z.enum(['M', 'F']).nullable(),
  dateOfBirth: z.string().nullable(),
  placeOfBirth: z.string().nullable(),
  rank: z.string().nullable(),
  serviceNumber: z.string().nullable(),
  unit: z.string().nullable(),
  lastKnownPlace: z.string().nullable(),
  lastKnownDate: z.string().nullable(),
  circumstances: z.string().nullable(),
  marks: z.string().nullable(),
});

export const inquiryResponse = z.object({
  id: z.string(),
  party: z.string(),
  number: z.number().int(),
  channel: z.enum(CHANNELS),
  receivedOn: z.string(),
  sought: soughtPersonResponse,
  consent: z.object({
    tracing: z.boolean(),
    sharing: z.object({ mediator: z.boolean(), icrc: z.boolean(), otherParty: z.boolean() }),
  }),
  status: z.enum(INQUIRY_STATUSES),
  statusAt: z.string(),
  createdAt: z.string(),
});

export const inquiriesResponse = z.object({
  total: z.number().int(),
  inquiries: z.array(inquiryResponse),
});

const decisionStatus = z.enum(['matched', 'proposed', 'confirmed', 'rejected']);

export const matchResponse = z.object({
  id: z.string(),
  inquiryId: z.string(),
  party: z.string(),
  target: z.object({ party: z.string(), versionId: z.string(), recordId: z.string() }),
  probability: z.number(),
  engineDecision: z.enum(['match', 'possible']),
  status: decisionStatus,
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const inquirerResponse = z.object({
  name: z.string(),
  relation: z.enum(RELATIONS),
  contact: z.string(),
  language: z.enum(LANGUAGES),
});

export const inquiryDetailResponse = inquiryResponse.extend({
  inquirer: inquirerResponse.nullable().describe("the party's bureau only"),
  history: z.array(
    z.object({
      from: z.enum(INQUIRY_STATUSES).nullable(),
      to: z.enum(INQUIRY_STATUSES),
      reason: z.string().nullable(),
      onDate: z.string().nullable(),
      actor: z.string(),
      at: z.string(),
    }),
  ),
  matches: z.array(matchResponse),
  samePerson: z
    .array(
      z.object({
        id: z.string(),
        status: decisionStatus,
        probability: z.number(),
        inquiryId: z.string(),
        number: z.string().nullable(),
      }),
    )
    .describe("other inquiries of the party about the same person (the bureau's view only)"),
  legalHold: z
    .object({ reason: z.string(), by: z.string().nullable(), at: z.string().nullable() })
    .nullable(),
  erasures: z.array(
    z.object({
      id: z.string(),
      scope: z.enum(['inquirer', 'inquiry']),
      requester: z.enum(ERASURE_REQUESTERS),
      requestedOn: z.string(),
      basis: z.enum(ERASURE_BASES),
      outcome: z.enum(['erased', 'refused']),
      refusal: z.enum(ERASURE_REFUSALS).nullable(),
      recordedAt: z.string(),
    }),
  ),
});

export const soughtListPreviewResponse = z.object({
  party: z.string(),
  lines: z.number().int().describe('lines the sought list built from open inquiries would hold'),
  from: z.object({ number: z.number().int(), lineCount: z.number().int() }).nullable(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(
    z.object({
      recordId: z.string(),
      changes: z.array(changeResponse),
    }),
  ),
  unchanged: z.number().int(),
});

export const keptSoughtListResponse = z.object({
  mechanism: z.string(),
  party: z.string(),
  version: versionResponse,
});

export const closedResponse = z.object({ id: z.string(), status: z.literal('closed') });
export const matchDecidedResponse = z.object({
  id: z.string(),
  status: z.enum(['confirmed', 'rejected']),
});
