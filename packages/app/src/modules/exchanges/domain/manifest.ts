import type { StageManifest } from '@parley/kernel/signed-documents';

export type { ManifestPerson, StageManifest } from '@parley/kernel/signed-documents';

/** Builds a manifest with its persons in a stable order (by direction, then record id). */
export function buildManifest(input: Omit<StageManifest, 'format' | 'counts'>): StageManifest {
  const persons = [...input.persons].sort(
    (a, b) =>
      a.from.localeCompare(b.from) ||
      (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0),
  );
  const counts: Record<string, Record<string, number>> = {};
  for (const person of persons) {
    const direction = `${person.from}->${person.to}`;
    const row = (counts[direction] ??= {});
    row[person.category] = (row[person.category] ?? 0) + 1;
  }
  return { format: 'parley-manifest/1', ...input, persons, counts };
}
