import { isAllowed, type Actor } from '../../access/index.ts';
import type { PersonLine, RegistryService, VersionId } from '../../registry/index.ts';
import type { PersonRow } from './exchange-rows.repository.ts';

/** A person's name as their list writes it, and its Latin form, for the people who may read the line. */
export interface PersonName {
  name: string | null;
  nameLatin: string | null;
}

export const NO_NAME: PersonName = { name: null, nameLatin: null };

export function nameOf(line: PersonLine | null): PersonName {
  if (!line) return NO_NAME;
  const joined = (parts: Array<string | null>) => parts.filter(Boolean).join(' ') || null;
  return {
    name: joined([line.surname, line.givenName, line.patronymic]),
    nameLatin: joined([line.surnameLatin, line.givenNameLatin]),
  };
}

/**
 * The names of persons on the path, read from their holding party's list where the actor may read
 * it (the registry audits each read); a person whose list the actor may not read has no name here.
 */
export async function namesOf(
  registry: RegistryService,
  actor: Actor,
  mechanismId: string,
  persons: readonly PersonRow[],
): Promise<Map<string, PersonName>> {
  const readable = persons.filter((p) =>
    isAllowed(actor, 'list.read', { mechanismId, party: p.party_code }),
  );
  const names = new Map<string, PersonName>();
  if (readable.length === 0) return names;
  const lines = await registry.records(
    actor,
    mechanismId,
    readable.map((p) => ({
      party: p.party_code,
      kind: 'held' as const,
      versionId: p.list_version_id as VersionId,
      recordId: p.record_id,
    })),
  );
  readable.forEach((p, i) => names.set(p.id, nameOf(lines[i] ?? null)));
  return names;
}
