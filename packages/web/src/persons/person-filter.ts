/** What a list of persons can be narrowed and ordered by, on every page that lists persons. */
export interface PersonQuery {
  /** Part of a name (any script) or of a record id; case and letter forms aside. */
  text: string;
  side: string | null;
  sort: 'name' | 'category' | 'state' | 'side';
}

export const NO_QUERY: PersonQuery = { text: '', side: null, sort: 'name' };

export interface Listed {
  recordId: string;
  name: string | null;
  nameLatin?: string | null;
  /** The holding party. */
  party: string;
  category?: string;
  state?: string;
}

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The persons that match a query, in its order: by name (a person without a readable name by
 * record id), category, state or holding side, ties by name then record id; stable otherwise.
 */
export function filterPersons<T extends Listed>(
  persons: readonly T[],
  query: PersonQuery,
  labels: { category?: (id: string) => string; state?: (state: string) => string } = {},
): T[] {
  const wanted = fold(query.text.trim());
  const matches = (p: T) =>
    (!query.side || p.party === query.side) &&
    (wanted === '' ||
      [p.name, p.nameLatin, p.recordId].some((value) => value && fold(value).includes(wanted)));
  const nameKey = (p: T) => fold(p.name ?? p.nameLatin ?? p.recordId);
  const keyOf = (p: T): string => {
    switch (query.sort) {
      case 'name':
        return '';
      case 'category':
        return p.category ? (labels.category?.(p.category) ?? p.category) : '';
      case 'state':
        return p.state ? (labels.state?.(p.state) ?? p.state) : '';
      case 'side':
        return p.party;
    }
  };
  return persons
    .filter(matches)
    .map((person) => ({ person, key: keyOf(person), name: nameKey(person) }))
    .sort(
      (a, b) =>
        a.key.localeCompare(b.key) ||
        a.name.localeCompare(b.name) ||
        a.person.recordId.localeCompare(b.person.recordId),
    )
    .map(({ person }) => person);
}
