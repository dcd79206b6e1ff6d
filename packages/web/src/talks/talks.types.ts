// The shapes of the talks API's answers (/docs: tags talks and ceasefires).

export const STANCES = [
  'proposes',
  'accepts',
  'rejects',
  'accepts_with_conditions',
  'silent',
] as const;

export const POINT_KINDS = [
  'ceasefire',
  'humanitarian',
  'security_guarantee',
  'territory',
  'sanctions',
  'sequence_step',
  'precondition',
] as const;
export const DOCUMENT_KINDS = ['memorandum', 'plan', 'proposal', 'statement'] as const;
export const CEASEFIRE_SCOPES = [
  'land',
  'air',
  'sea',
  'long_range_strikes',
  'energy_infrastructure',
] as const;
export const OBSERVATION_SOURCES = [
  'patrol',
  'fixed_camera',
  'drone',
  'satellite',
  'party_report',
  'other',
] as const;
export const EVENT_TYPES = [
  'explosion',
  'shelling',
  'small_arms',
  'air_strike',
  'drone_strike',
  'missile_strike',
  'movement',
  'other',
] as const;
export const PERCEPTIONS = ['seen', 'heard', 'seen_and_heard'] as const;
export type PointKind = (typeof POINT_KINDS)[number];
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type CeasefireScope = (typeof CEASEFIRE_SCOPES)[number];
export type Stance = (typeof STANCES)[number];

export const CEASEFIRE_STATUSES = ['proposed', 'agreed', 'in_force', 'expired', 'broken'] as const;
export type CeasefireStatus = (typeof CEASEFIRE_STATUSES)[number];

export const VERIFICATIONS = ['reported', 'confirmed', 'not_confirmed', 'disputed'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

export const CONFIDENCES = ['low', 'medium', 'high'] as const;

export interface Delegation {
  party: string;
  head: string | null;
  members: string[];
}

export interface Round {
  id: string;
  number: number;
  date: string;
  venue: string;
  mediators: string[];
  delegations: Delegation[];
  durationMinutes: number | null;
  summary: string;
  outcomes: Array<{ number: number; text: string; agreement: { id: string; name: string } | null }>;
}

export interface DocumentSummary {
  id: string;
  title: string;
  author: string;
  kind: DocumentKind;
  latestVersion: number;
  firstTabledOn: string;
}

export interface PartyPosition {
  party: string;
  stance: Stance;
  conditions: string | null;
  statedOn: string | null;
  source: string | null;
}

export interface Point {
  id: string;
  label: string;
  kind: PointKind;
  text: string;
  positions: PartyPosition[];
  history: Array<PartyPosition & { recordedAt: string }>;
  isGap: boolean;
}

export interface TalksDocument {
  id: string;
  title: string;
  author: string;
  kind: DocumentKind;
  version: number;
  tabledOn: string;
  roundId: string | null;
  note: string;
  points: Point[];
}

export interface Gap {
  parties: string[];
  documents: Array<{ id: string; title: string; version: number; points: Point[] }>;
}

export interface Ceasefire {
  id: string;
  name: string;
  kind: 'general' | 'local';
  scope: CeasefireScope[];
  geography: string;
  sectors: string[];
  startsAt: string | null;
  durationDays: number | null;
  endsAt: string | null;
  extension: string | null;
  monitoringBody: string | null;
  proposedBy: string;
  status: CeasefireStatus;
  preconditions: Array<{ pointId: string; document: string; label: string; text: string }>;
  history: Array<{
    from: CeasefireStatus | null;
    to: CeasefireStatus;
    at: string;
    reason: string | null;
    recordedBy: string;
  }>;
}

export interface Assessment {
  weapon: string | null;
  bearingDeg: number | null;
  distanceKm: number | null;
  trajectory: string | null;
  confidence: (typeof CONFIDENCES)[number] | null;
  consequences: string | null;
  attribution: string | null;
}

export interface Observation {
  source: (typeof OBSERVATION_SOURCES)[number];
  observerPosition: { latitude: number; longitude: number } | null;
  windowStart: string;
  windowEnd: string;
  eventType: (typeof EVENT_TYPES)[number];
  count: number;
  perceived: (typeof PERCEPTIONS)[number];
}

export interface Violation {
  id: string;
  ceasefireId: string | null;
  reporter: { kind: 'party' | 'monitor'; name: string };
  verification: Verification;
  sector: string;
  observation: Observation;
  assessment: Assessment;
  importLine: number | null;
  createdAt: string;
}

export interface ViolationCounts {
  perDay: Array<{ day: string; reports: number; events: number }>;
  perSector: Array<{ sector: string; reports: number; events: number }>;
}

export interface ImportPreview {
  fileName: string;
  reports: number;
  errors: Array<{
    line: number;
    column: string | null;
    message: string;
    value?: string;
    severity: 'error' | 'warning';
  }>;
  sample: Array<{ line: number; sector: string; observation: Observation; assessment: Assessment }>;
}

export interface TimelineEntry {
  at: string;
  kind: 'round' | 'agreement' | 'stage' | 'ceasefire' | 'violations';
  id: string | null;
  /** In English, for the API's readers: the page says the facts in the user's language. */
  title: string;
  detail: string;
  facts: {
    number?: number;
    venue?: string;
    outcomes?: string;
    outcomeList?: string[];
    status?: string;
    agreementName?: string;
    place?: string;
    fromStatus?: string | null;
    toStatus?: string;
    reason?: string | null;
    reports?: number;
    events?: number;
  };
}

export interface Note {
  id: string;
  party: string;
  subject: string | null;
  text: string;
  createdBy: string;
  createdAt: string;
}
