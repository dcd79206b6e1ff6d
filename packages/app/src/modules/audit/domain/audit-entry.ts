import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hash a chain starts from: the first entry's prev_hash. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a use case says happened; the log adds the place in the chain. */
export interface AuditEvent {
  actor: string;
  mechanismId: string | null;
  /** `module.verb`, e.g. `list.import`, `list.read`. */
  action: string;
  /** The ids of the objects acted on; for reads of personal data, the records read. */
  objectIds: string[];
  reason: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AuditEntry extends AuditEvent {
  seq: number;
  /** ISO 8601 UTC, kept as text so that the hashed form is the stored form. */
  at: string;
  prevHash: string;
  hash: string;
}

/** The SHA-256, in hex, of the entry's RFC 8785 canonical JSON, its own hash left out. */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const canonical = canonicalize({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    mechanismId: entry.mechanismId,
    action: entry.action,
    objectIds: entry.objectIds,
    reason: entry.reason,
    requestId: entry.requestId,
    details: entry.details,
    prevHash: entry.prevHash,
  });
  if (canonical === undefined) throw new Error('an audit entry has no canonical form');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Seals an event as the entry after `previous` (or the first entry). */
export function sealEntry(
  event: AuditEvent,
  at: Date,
  previous: { seq: number; hash: string } | null,
): AuditEntry {
  const unsealed = {
    ...event,
    seq: (previous?.seq ?? 0) + 1,
    at: at.toISOString(),
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...unsealed, hash: hashEntry(unsealed) };
}

/**
 * An event by an actor; the actor's request id goes with it, and work under a break-glass
 * access in that mechanism is flagged with the access and its reason.
 */
export function auditEvent(
  actor: {
    id: string;
    requestId?: string;
    breakGlass?: readonly { id: string; mechanismId: string; reason: string }[];
  },
  action: string,
  what: {
    mechanismId: string | null;
    objectIds: string[];
    details?: Record<string, unknown>;
    reason?: string;
  },
): AuditEvent {
  const emergency = actor.breakGlass?.find((access) => access.mechanismId === what.mechanismId);
  const details = what.details ?? {};
  return {
    actor: actor.id,
    mechanismId: what.mechanismId,
    action,
    objectIds: what.objectIds,
    reason: what.reason ?? (emergency ? `break glass: ${emergency.reason}` : null),
    requestId: actor.requestId ?? null,
    details: emergency ? { ...details, breakGlass: emergency.id } : details,
  };
}
