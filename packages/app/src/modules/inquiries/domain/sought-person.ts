import { blankPersonLine, parsePartialDate, type PersonLine } from '@parley/kernel/person-record';

/** The person a family asks about, as the family describes him: names in any script. */
export interface SoughtPerson {
  readonly surname: string | null;
  readonly givenName: string | null;
  readonly patronymic: string | null;
  readonly surnameLatin: string | null;
  readonly givenNameLatin: string | null;
  readonly sex: 'M' | 'F' | null;
  /** A partial date (the kernel's: YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY as given). */
  readonly dateOfBirth: string | null;
  readonly placeOfBirth: string | null;
  readonly rank: string | null;
  readonly serviceNumber: string | null;
  readonly unit: string | null;
  readonly lastKnownPlace: string | null;
  readonly lastKnownDate: string | null;
  readonly circumstances: string | null;
  readonly marks: string | null;
}

/** One mistake in an inquiry: the field, what is wrong, and the value seen. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  readonly value?: string;
}

/**
 * The sought person with dates in the kernel's partial-date form, or every mistake: a name to
 * look for (in any script), and dates the list format would accept.
 */
export function checkSoughtPerson(
  person: SoughtPerson,
): { ok: true; value: SoughtPerson } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!person.surname && !person.surnameLatin)
    problems.push({ field: 'surname', message: 'a surname is needed to look for the person' });
  const date = (field: 'dateOfBirth' | 'lastKnownDate') => {
    const text = person[field];
    if (text === null) return null;
    const parsed = parsePartialDate(text);
    if (parsed.ok) return parsed.value as string;
    problems.push({ field, message: parsed.reason, value: text });
    return null;
  };
  const value = {
    ...person,
    dateOfBirth: date('dateOfBirth'),
    lastKnownDate: date('lastKnownDate'),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/**
 * The sought person as a line of the list format, so that the engine links it as it links a
 * sought list's line, and the party's next sought list can carry it (the record id is the
 * inquiry's).
 */
export function soughtLineOf(recordId: string, person: SoughtPerson): PersonLine {
  return blankPersonLine({
    recordId,
    surname: person.surname,
    givenName: person.givenName,
    patronymic: person.patronymic,
    surnameLatin: person.surnameLatin,
    givenNameLatin: person.givenNameLatin,
    sex: person.sex,
    dateOfBirth: person.dateOfBirth,
    placeOfBirth: person.placeOfBirth,
    rank: person.rank,
    serviceNumber: person.serviceNumber,
    unit: person.unit,
    captureDate: null,
    capturePlace: person.lastKnownPlace,
    notes: person.circumstances,
  });
}
