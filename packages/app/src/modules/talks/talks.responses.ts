import { z } from 'zod';
import { CEASEFIRE_KINDS, CEASEFIRE_SCOPES, CEASEFIRE_STATUSES } from './domain/ceasefire.ts';
import { DOCUMENT_KINDS, POINT_KINDS, STANCES } from './domain/points.ts';
import { TIMELINE_KINDS } from './domain/timeline.ts';
import { TEXT_LANGUAGES } from './domain/translation.ts';
import {
  CONFIDENCES,
  EVENT_TYPES,
  OBSERVATION_SOURCES,
  PERCEPTIONS,
  VERIFICATIONS,
} from './domain/violation.ts';

// The talks API's answers: what /docs shows and what the web's types are generated from.

export const roundResponse = z.object({
  id: z.string(),
  number: z.number(),
  date: z.string(),
  venue: z.string(),
  mediators: z.array(z.string()),
  delegations: z.array(
    z.object({ party: z.string(), head: z.string().nullable(), members: z.array(z.string()) }),
  ),
  durationMinutes: z.number().nullable(),
  summary: z.string(),
  outcomes: z.array(
    z.object({
      number: z.number(),
      text: z.string(),
      agreement: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
  ),
});
export const roundsResponse = z.array(roundResponse);
export const roundAddedResponse = z.object({ id: z.string(), number: z.number() });
export const roundCorrectedResponse = roundAddedResponse.extend({
  corrected: z.array(z.string()),
});

export const noteResponse = z.object({
  id: z.string(),
  party: z.string(),
  subject: z.string().nullable(),
  text: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const notesResponse = z.array(noteResponse);
export const noteAddedResponse = noteResponse.omit({ createdBy: true });

export const timelineResponse = z.array(
  z.object({
    at: z.string(),
    kind: z.enum(TIMELINE_KINDS),
    id: z.string().nullable(),
    title: z.string().describe('In English, for a reader of the API; `facts` holds its parts.'),
    detail: z.string(),
    facts: z.object({
      number: z.number().optional(),
      venue: z.string().optional(),
      outcomes: z.string().optional(),
      outcomeList: z.array(z.string()).optional().describe("a round's outcomes, each as written"),
      status: z.string().optional(),
      agreementName: z.string().optional(),
      place: z.string().optional(),
      fromStatus: z.string().nullable().optional(),
      toStatus: z.string().optional(),
      reason: z.string().nullable().optional(),
      reports: z.number().optional(),
      events: z.number().optional(),
    }),
  }),
);

export const documentSummaryResponse = z.object({
  id: z.string(),
  title: z.string(),
  author: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  latestVersion: z.number(),
  firstTabledOn: z.string(),
});
export const documentsResponse = z.array(documentSummaryResponse);
export const documentTabledResponse = z.object({
  id: z.string(),
  version: z.number(),
  points: z.number(),
});

const partyPosition = z.object({
  party: z.string(),
  stance: z.enum(STANCES),
  conditions: z.string().nullable(),
  statedOn: z.string().nullable(),
  source: z.string().nullable(),
});
const pointResponse = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(POINT_KINDS),
  text: z.string(),
  positions: z.array(partyPosition),
  history: z.array(
    z.object({
      party: z.string(),
      stance: z.enum(STANCES),
      conditions: z.string().nullable(),
      statedOn: z.string(),
      source: z.string(),
      recordedAt: z.string(),
    }),
  ),
  isGap: z.boolean(),
});
export const documentResponse = z.object({
  id: z.string(),
  title: z.string(),
  author: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  version: z.number(),
  tabledOn: z.string(),
  roundId: z.string().nullable(),
  note: z.string(),
  points: z.array(pointResponse),
});
export const positionResponse = z.object({
  pointId: z.string(),
  party: z.string(),
  stance: z.enum(STANCES),
  conditions: z.string().nullable(),
  statedOn: z.string(),
  source: z.string(),
});
export const gapResponse = z.object({
  parties: z.array(z.string()),
  documents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      version: z.number(),
      points: z.array(pointResponse),
    }),
  ),
});

export const ceasefireResponse = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CEASEFIRE_KINDS),
  scope: z.array(z.enum(CEASEFIRE_SCOPES)),
  geography: z.string(),
  sectors: z.array(z.string()),
  startsAt: z.string().nullable(),
  durationDays: z.number().nullable(),
  endsAt: z.string().nullable(),
  extension: z.string().nullable(),
  monitoringBody: z.string().nullable(),
  proposedBy: z.string(),
  status: z.enum(CEASEFIRE_STATUSES),
  preconditions: z.array(
    z.object({ pointId: z.string(), document: z.string(), label: z.string(), text: z.string() }),
  ),
  history: z.array(
    z.object({
      from: z.enum(CEASEFIRE_STATUSES).nullable(),
      to: z.enum(CEASEFIRE_STATUSES),
      at: z.string(),
      reason: z.string().nullable(),
      recordedBy: z.string(),
    }),
  ),
});
export const ceasefiresResponse = z.array(ceasefireResponse);
export const ceasefireStatusResponse = z.object({
  id: z.string(),
  status: z.enum(CEASEFIRE_STATUSES),
});

const observationResponse = z.object({
  source: z.enum(OBSERVATION_SOURCES),
  observerPosition: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  windowStart: z.string(),
  windowEnd: z.string(),
  eventType: z.enum(EVENT_TYPES),
  count: z.number(),
  perceived: z.enum(PERCEPTIONS),
});
const assessmentResponse = z.object({
  weapon: z.string().nullable(),
  bearingDeg: z.number().nullable(),
  distanceKm: z.number().nullable(),
  trajectory: z.string().nullable(),
  confidence: z.enum(CONFIDENCES).nullable(),
  consequences: z.string().nullable(),
  attribution: z.string().nullable(),
});
export const violationResponse = z.object({
  id: z.string(),
  ceasefireId: z.string().nullable(),
  reporter: z.object({ kind: z.enum(['party', 'monitor']), name: z.string() }),
  verification: z.enum(VERIFICATIONS),
  sector: z.string(),
  observation: observationResponse,
  assessment: assessmentResponse,
  importLine: z.number().nullable(),
  createdAt: z.string(),
});
export const violationsResponse = z.object({
  total: z.number(),
  items: z.array(violationResponse),
});
const dayOrSectorCount = { reports: z.number(), events: z.number() };
export const violationCountsResponse = z.object({
  perDay: z.array(z.object({ day: z.string(), ...dayOrSectorCount })),
  perSector: z.array(z.object({ sector: z.string(), ...dayOrSectorCount })),
});
export const verificationResponse = z.object({
  id: z.string(),
  verification: z.enum(VERIFICATIONS),
});
export const importedResponse = z.object({ importId: z.string(), reports: z.number() });
export const importPreviewResponse = z.object({
  fileName: z.string(),
  reports: z.number(),
  errors: z.array(
    z.object({
      line: z.number(),
      column: z.string().nullable(),
      message: z.string(),
      value: z.string().optional(),
      severity: z.enum(['error', 'warning']),
    }),
  ),
  sample: z.array(
    z.object({
      line: z.number(),
      sector: z.string(),
      observation: observationResponse,
      assessment: assessmentResponse,
    }),
  ),
});

const translatedText = z.object({
  source: z.string().describe('the text exactly as recorded'),
  language: z.enum(TEXT_LANGUAGES).describe('the language it is written in'),
  translations: z.object({
    en: z.string().optional(),
    uk: z.string().optional(),
    ru: z.string().optional(),
  }),
});
export const translationResponse = translatedText;
export const translationsResponse = z.array(
  translatedText.extend({ updatedBy: z.string(), updatedAt: z.string() }),
);
