/**
 * A stage's manifest: who is handed over, by whom, to whom, where and when, with the GC III
 * Art. 17 minimum for each person. Frozen when the stage is approved; a correction is a new
 * manifest that names the one it replaces.
 */

export interface ManifestPerson {
  readonly recordId: string;
  readonly from: string;
  readonly to: string;
  readonly surname: string | null;
  readonly givenName: string | null;
  readonly patronymic: string | null;
  readonly rank: string | null;
  readonly dateOfBirth: string | null;
  readonly serviceNumber: string | null;
  readonly category: string;
}

export interface StageManifest {
  readonly format: 'parley-manifest/1';
  readonly mechanism: { readonly id: string; readonly name: string };
  readonly agreement: { readonly id: string; readonly versionId: string; readonly name: string };
  readonly stage: {
    readonly id: string;
    readonly number: number;
    readonly place: string;
    readonly date: string;
  };
  /** The hash of the manifest this one corrects, if any. */
  readonly supersedes: string | null;
  readonly persons: readonly ManifestPerson[];
  /** Persons per direction and category, as the parties check them at the border. */
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

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
