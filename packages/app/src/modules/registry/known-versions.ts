import type { VersionWithSpan } from './registry.repository.ts';

/** How long a version found is trusted without asking again; retention may delete it meanwhile. */
const TRUSTED_MS = 5_000;
/** Versions kept at most; past that the memory starts again. */
const MOST_KEPT = 10_000;

/**
 * The numbered versions (with their span of line numbers) that a row scope found lately, so that
 * a page of a version does not look it up again: a version, once kept, never changes, and only
 * retention deletes it. Each is kept for the scope that found it (row-level security decided
 * what that scope sees), for a few seconds; a caller that finds the version's lines gone asks
 * again (`forget`).
 */
export function createKnownVersions(clock: () => number = () => Date.now()) {
  const known = new Map<string, { found: VersionWithSpan; until: number }>();
  return {
    get(key: string): VersionWithSpan | undefined {
      const entry = known.get(key);
      if (!entry) return undefined;
      if (entry.until > clock()) return entry.found;
      known.delete(key);
      return undefined;
    },
    remember(key: string, found: VersionWithSpan): void {
      if (known.size >= MOST_KEPT) known.clear();
      known.set(key, { found, until: clock() + TRUSTED_MS });
    },
    forget(key: string): void {
      known.delete(key);
    },
  };
}

/** The key of a numbered version as a row scope sees it. */
export function knownVersionKey(
  scope: Record<string, string>,
  ref: { mechanismId: string; party: string; kind: string; number: number },
): string {
  return `${ref.mechanismId}/${ref.party}/${ref.kind}/${ref.number}/${JSON.stringify(scope)}`;
}
