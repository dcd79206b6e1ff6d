/** The sought person's names as the family gave them, for a line of output. */
export const nameOf = (sought: {
  surname: string | null;
  givenName: string | null;
  patronymic: string | null;
}) => [sought.surname, sought.givenName, sought.patronymic].filter(Boolean).join(' ');
