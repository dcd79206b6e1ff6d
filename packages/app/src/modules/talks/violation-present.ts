import type { ViolationRow } from './ceasefires.repository.ts';
import type {
  Confidence,
  EventType,
  ObservationSource,
  Perception,
  Verification,
} from './domain/violation.ts';

/** A stored report as the API and the CLI show it: the observation apart from the assessment. */
export function presentViolation(v: ViolationRow) {
  return {
    id: v.id,
    ceasefireId: v.ceasefire_id,
    reporter: { kind: v.reporter_kind, name: v.reporter },
    verification: v.verification as Verification,
    sector: v.sector,
    observation: {
      source: v.source as ObservationSource,
      observerPosition:
        v.observer_latitude === null || v.observer_longitude === null
          ? null
          : { latitude: v.observer_latitude, longitude: v.observer_longitude },
      windowStart: v.window_start.toISOString(),
      windowEnd: v.window_end.toISOString(),
      eventType: v.event_type as EventType,
      count: v.event_count,
      perceived: v.perceived as Perception,
    },
    assessment: {
      weapon: v.weapon,
      bearingDeg: v.bearing_deg,
      distanceKm: v.distance_km,
      trajectory: v.trajectory,
      confidence: v.confidence as Confidence | null,
      consequences: v.consequences,
      attribution: v.attribution,
    },
    importLine: v.import_line,
    createdAt: v.created_at.toISOString(),
  };
}
