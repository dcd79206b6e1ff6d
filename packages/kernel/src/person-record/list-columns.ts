/** The columns of the list format (spec/list-format.md), in the order an export writes them. */
export const LIST_COLUMNS = [
  'record_id',
  'surname',
  'given_name',
  'patronymic',
  'surname_latin',
  'given_name_latin',
  'sex',
  'date_of_birth',
  'place_of_birth',
  'nationality',
  'legal_status',
  'rank',
  'service_number',
  'unit',
  'capture_date',
  'capture_place',
  'detention_place',
  'health_status',
  'notes',
] as const;

export type ListColumn = (typeof LIST_COLUMNS)[number];

export const SEXES = ['M', 'F'] as const;

export const LEGAL_STATUSES = [
  'pow',
  'retained_personnel',
  'civilian_internee',
  'civilian_detainee',
  'undetermined',
] as const;

export const HEALTH_STATUSES = [
  'good',
  'not_wounded',
  'recovered',
  'convalescent',
  'sick',
  'slightly_wounded',
  'seriously_wounded',
  'seriously_sick',
] as const;

export type ListKind = 'held' | 'sought';
export const LIST_KINDS: readonly ListKind[] = ['held', 'sought'];

/** One validated line of a list; a missing value is null, an invalid one accepted on request sits in `invalid`. */
export interface PersonLine {
  lineNumber: number;
  recordId: string;
  surname: string | null;
  givenName: string | null;
  patronymic: string | null;
  surnameLatin: string | null;
  givenNameLatin: string | null;
  sex: (typeof SEXES)[number] | null;
  dateOfBirth: string | null;
  placeOfBirth: string | null;
  nationality: string | null;
  legalStatus: (typeof LEGAL_STATUSES)[number] | null;
  rank: string | null;
  serviceNumber: string | null;
  unit: string | null;
  captureDate: string | null;
  capturePlace: string | null;
  detentionPlace: string | null;
  healthStatus: (typeof HEALTH_STATUSES)[number] | null;
  notes: string | null;
  /** Unknown columns, by their header as written. */
  extra: Record<string, string>;
  /** Column -> raw text of values that were invalid and imported with --accept-invalid. */
  invalid: Partial<Record<ListColumn, string>>;
}

/** The PersonLine field that holds each column. */
export const FIELD_OF_COLUMN = {
  record_id: 'recordId',
  surname: 'surname',
  given_name: 'givenName',
  patronymic: 'patronymic',
  surname_latin: 'surnameLatin',
  given_name_latin: 'givenNameLatin',
  sex: 'sex',
  date_of_birth: 'dateOfBirth',
  place_of_birth: 'placeOfBirth',
  nationality: 'nationality',
  legal_status: 'legalStatus',
  rank: 'rank',
  service_number: 'serviceNumber',
  unit: 'unit',
  capture_date: 'captureDate',
  capture_place: 'capturePlace',
  detention_place: 'detentionPlace',
  health_status: 'healthStatus',
  notes: 'notes',
} as const satisfies Record<ListColumn, keyof PersonLine>;

/** A line with every field empty, but for those given: for samples and tests. */
export function blankPersonLine(given: Partial<PersonLine> = {}): PersonLine {
  return {
    lineNumber: 1,
    recordId: 'R-1',
    surname: null,
    givenName: null,
    patronymic: null,
    surnameLatin: null,
    givenNameLatin: null,
    sex: null,
    dateOfBirth: null,
    placeOfBirth: null,
    nationality: null,
    legalStatus: null,
    rank: null,
    serviceNumber: null,
    unit: null,
    captureDate: null,
    capturePlace: null,
    detentionPlace: null,
    healthStatus: null,
    notes: null,
    extra: {},
    invalid: {},
    ...given,
  };
}
