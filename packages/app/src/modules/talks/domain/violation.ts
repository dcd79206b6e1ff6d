/** How an event was observed (the OSCE monitoring mission's sources, and a party's own report). */
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
export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export const VERIFICATIONS = ['reported', 'confirmed', 'not_confirmed', 'disputed'] as const;

export type ObservationSource = (typeof OBSERVATION_SOURCES)[number];
export type EventType = (typeof EVENT_TYPES)[number];
export type Perception = (typeof PERCEPTIONS)[number];
export type Confidence = (typeof CONFIDENCES)[number];
export type Verification = (typeof VERIFICATIONS)[number];

export interface Position {
  latitude: number;
  longitude: number;
}

/** What was observed, kept apart from what it is taken to be. */
export interface Observation {
  source: ObservationSource;
  observerPosition: Position | null;
  windowStart: Date;
  windowEnd: Date;
  eventType: EventType;
  count: number;
  perceived: Perception;
}

/** What an observation is assessed to be; every part may be unknown, attribution most often. */
export interface Assessment {
  weapon: string | null;
  bearingDeg: number | null;
  distanceKm: number | null;
  trajectory: string | null;
  confidence: Confidence | null;
  consequences: string | null;
  attribution: string | null;
}

export interface ViolationInput {
  sector: string;
  observation: Observation;
  assessment: Assessment;
}

/** Something wrong with one line of a violations file (line 1 is the header); the registry's LineProblem shape. */
export interface ViolationProblem {
  line: number;
  column: string | null;
  message: string;
  value?: string;
  severity: 'error' | 'warning';
}

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** Reads a decimal number written with a dot; the reason when it is not one, or not within bounds. */
export function parseDecimal(
  text: string,
  min: number,
  max: number,
  what: string,
): { value: number } | { problem: string } {
  const trimmed = text.trim();
  if (/^[+-]?\d+,\d+$/.test(trimmed))
    return { problem: `${what} must use a dot as the decimal separator` };
  if (!DECIMAL.test(trimmed)) return { problem: `${what} must be a number` };
  const value = Number(trimmed);
  if (value < min || value > max) return { problem: `${what} must be from ${min} to ${max}` };
  return { value };
}

/** A WGS84 latitude (−90..90) in decimal degrees with a dot. */
export const parseLatitude = (text: string) => parseDecimal(text, -90, 90, 'a latitude');
/** A WGS84 longitude (−180..180) in decimal degrees with a dot. */
export const parseLongitude = (text: string) => parseDecimal(text, -180, 180, 'a longitude');

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

/** An ISO 8601 date and time to the minute; without an offset it is UTC. Null when not one. */
export function parseDateTime(text: string): Date | null {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, zone] = match;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const back = new Date(utc);
  // Date.UTC rolls 31 February over into March; a real date does not change on the way back.
  if (
    back.getUTCFullYear() !== Number(y) ||
    back.getUTCMonth() !== Number(mo) - 1 ||
    back.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s ?? 0) > 59
  )
    return null;
  if (!zone || zone === 'Z') return back;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [oh, om] = zone.slice(1).split(':').map(Number) as [number, number];
  if (oh > 14 || om > 59) return null;
  return new Date(utc - sign * (oh * 60 + om) * 60_000);
}
