/** What a ceasefire covers. */
export const CEASEFIRE_SCOPES = [
  'land',
  'air',
  'sea',
  'long_range_strikes',
  'energy_infrastructure',
] as const;
export type CeasefireScope = (typeof CEASEFIRE_SCOPES)[number];

/** A general ceasefire, or a short local truce (e.g. two or three days to collect bodies). */
export const CEASEFIRE_KINDS = ['general', 'local'] as const;
export type CeasefireKind = (typeof CEASEFIRE_KINDS)[number];

export const CEASEFIRE_STATUSES = ['proposed', 'agreed', 'in_force', 'expired', 'broken'] as const;
export type CeasefireStatus = (typeof CEASEFIRE_STATUSES)[number];

const NEXT: Record<CeasefireStatus, readonly CeasefireStatus[]> = {
  proposed: ['agreed'],
  agreed: ['in_force', 'broken'],
  in_force: ['expired', 'broken'],
  expired: [],
  broken: [],
};

/** The statuses a regime may move to from `from`. */
export function nextStatuses(from: CeasefireStatus): readonly CeasefireStatus[] {
  return NEXT[from];
}

/** Why a regime may not move from one status to another, or null when it may. */
export function statusChangeProblem(from: CeasefireStatus, to: CeasefireStatus): string | null {
  if (NEXT[from].includes(to)) return null;
  const next = NEXT[from];
  return next.length === 0
    ? `the regime is ${from}: its status no longer changes`
    : `the regime is ${from}: next it can be ${next.join(' or ')}, not ${to}`;
}

/** The day a regime ends (YYYY-MM-DD, exclusive), when it has a start and a duration. */
export function endOf(startsAt: Date | null, durationDays: number | null): Date | null {
  if (!startsAt || !durationDays) return null;
  return new Date(startsAt.getTime() + durationDays * 86_400_000);
}
