import type { SoughtPerson } from './inquiries.api.ts';

/** The sought person's names as the family gave them: surname, given name, father's name. */
export function fullName(
  person: Pick<SoughtPerson, 'surname' | 'givenName' | 'patronymic'>,
): string {
  return [person.surname, person.givenName, person.patronymic].filter(Boolean).join(' ');
}
