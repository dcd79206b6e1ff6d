import { hash } from 'node:crypto';
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
  return hash('sha256', canonicalEntry(entry), 'hex');
}

/**
 * The RFC 8785 canonical JSON of an entry, written for its fixed shape: the top-level keys in
 * their sorted order, strings as JSON.stringify writes them (which is what RFC 8785 asks), and
 * only `details` through the general canonicaliser. Verifying a million entries spends most of
 * its time here, and this is byte for byte what canonicalize() gives for the whole entry.
 */
export function canonicalEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return canonicalAround(
    entry,
    `[${entry.objectIds.map(text).join(',')}]`,
    canonicalDetails(entry),
  );
}

/** The canonical details of an entry (RFC 8785, through the general canonicaliser). */
export function canonicalDetails(entry: Pick<AuditEntry, 'seq' | 'details'>): string {
  const details = canonicalize(entry.details);
  if (details === undefined) throw new Error(`audit entry ${entry.seq} has no canonical form`);
  return details;
}

function canonicalAround(
  entry: Omit<AuditEntry, 'hash' | 'objectIds' | 'details'>,
  objectIds: string,
  details: string,
): string {
  if (!Number.isSafeInteger(entry.seq))
    throw new Error(`audit entry ${entry.seq} has no canonical form`);
  return (
    `{"action":${text(entry.action)},"actor":${text(entry.actor)},"at":${text(entry.at)},` +
    `"details":${details},"mechanismId":${nullableText(entry.mechanismId)},` +
    `"objectIds":${objectIds},"prevHash":${text(entry.prevHash)},` +
    `"reason":${nullableText(entry.reason)},"requestId":${nullableText(entry.requestId)},"seq":${entry.seq}}`
  );
}

function text(value: string): string {
  // RFC 8785 has no form for a lone surrogate; canonicalize() refuses one too.
  if (!value.isWellFormed())
    throw new Error('an audit entry holds text that is not well-formed Unicode');
  return JSON.stringify(value);
}

function nullableText(value: string | null): string {
  return value === null ? 'null' : text(value);
}

/** An entry as stored: its two JSON fields as the exact text written (the canonical form). */
export type StoredEntry = Omit<AuditEntry, 'objectIds' | 'details'> & {
  objectIdsText: string;
  detailsText: string;
};

/**
 * Whether a stored entry's hash holds. The canonical form is built around the stored texts
 * without parsing them; only when that fails are they parsed and canonicalised, so that an
 * equivalent but differently written text is still judged by its meaning.
 */
export function isStoredEntryIntact(entry: StoredEntry): boolean {
  const { objectIdsText, detailsText, hash: stored, ...rest } = entry;
  if (hash('sha256', canonicalAround(rest, objectIdsText, detailsText), 'hex') === stored)
    return true;
  try {
    const objectIds = JSON.parse(objectIdsText) as string[];
    const details = JSON.parse(detailsText) as Record<string, unknown>;
    return hashEntry({ ...rest, objectIds, details }) === stored;
  } catch {
    return false;
  }
}

/** A stored entry of a parsed one: its JSON fields in canonical text. */
export function toStoredEntry(entry: AuditEntry): StoredEntry {
  const { objectIds, details, ...rest } = entry;
  return {
    ...rest,
    objectIdsText: `[${objectIds.map(text).join(',')}]`,
    detailsText: canonicalDetails({ seq: entry.seq, details }),
  };
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
