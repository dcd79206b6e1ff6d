import { parsePartialDate, type PersonLine } from '@parley/kernel/person-record';
import type { Channel, Language, Relation } from '@parley/kernel/inquiry';
import type { SoughtPerson } from './sought-person.ts';

/**
 * The columns of an inquiries file beyond the list format's (which carry the sought person and
 * are read and checked as a list's are): who asks, how, when, and what the family allows.
 */
export const INQUIRY_COLUMNS = [
  'inquirer_name',
  'relation',
  'contact',
  'language',
  'channel',
  'received_on',
  'last_known_place',
  'last_known_date',
  'circumstances',
  'marks',
  'consent_tracing',
  'share_mediator',
  'share_icrc',
  'share_other_party',
] as const;

/** A wrong or missing value, by line and column, as the registry words a list file's problems. */
export interface CellProblem {
  readonly line: number;
  readonly column: string;
  readonly message: string;
  readonly value?: string;
  readonly severity: 'error';
}

/** One line of an inquiries file as an inquiry, or its problems by line and column. */
export interface InquiryRow {
  readonly channel: Channel;
  readonly receivedOn: string;
  readonly inquirer: { name: string; relation: Relation; contact: string; language: Language };
  readonly sought: SoughtPerson;
  readonly consent: {
    tracing: boolean;
    sharing: { mediator: boolean; icrc: boolean; otherParty: boolean };
  };
}

const YES = new Set(['yes', 'y', 'true', '1', 'так', 'да']);
const NO = new Set(['no', 'n', 'false', '0', 'ні', 'нет', '']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads the inquiry columns of a line that the list reader has read (they are its `extra`),
 * naming each wrong or missing value by line and column.
 */
export function inquiryOfLine(
  line: PersonLine,
  allowed: {
    relations: readonly Relation[];
    languages: readonly Language[];
    channels: readonly Channel[];
  },
): { ok: true; value: InquiryRow } | { ok: false; problems: CellProblem[] } {
  const cells = new Map(
    Object.entries(line.extra).map(([header, value]) => [
      header.trim().toLowerCase(),
      value.trim(),
    ]),
  );
  const problems: CellProblem[] = [];
  const problem = (column: string, message: string, value?: string) =>
    problems.push({
      line: line.lineNumber,
      column,
      message,
      severity: 'error',
      ...(value === undefined ? {} : { value }),
    });
  const text = (column: string) => cells.get(column) || null;
  const required = (column: string) => {
    const value = text(column);
    if (!value) problem(column, `${column} is empty`);
    return value ?? '';
  };
  const oneOf = <Choice extends string>(
    column: string,
    choices: readonly Choice[],
    fallback?: Choice,
  ): Choice => {
    const value = (text(column) ?? fallback ?? '').toLowerCase();
    if (!(choices as readonly string[]).includes(value))
      problem(column, `not one of ${choices.join(', ')}`, text(column) ?? '');
    // A value that is not a choice is named as a problem, and the line is then refused whole.
    return value as Choice;
  };
  const yesNo = (column: string) => {
    const value = (text(column) ?? '').toLowerCase();
    if (YES.has(value)) return true;
    if (!NO.has(value)) problem(column, 'not yes or no', text(column) ?? '');
    return false;
  };
  const receivedOn = required('received_on');
  if (receivedOn && !DAY.test(receivedOn))
    problem('received_on', 'not a day in the form YYYY-MM-DD', receivedOn);
  let lastKnownDate = text('last_known_date');
  if (lastKnownDate) {
    const parsed = parsePartialDate(lastKnownDate);
    if (parsed.ok) lastKnownDate = parsed.value;
    else problem('last_known_date', parsed.reason, lastKnownDate);
  }
  const value: InquiryRow = {
    channel: oneOf('channel', allowed.channels, 'file'),
    receivedOn,
    inquirer: {
      name: required('inquirer_name'),
      relation: oneOf('relation', allowed.relations),
      contact: required('contact'),
      language: oneOf('language', allowed.languages),
    },
    sought: {
      surname: line.surname,
      givenName: line.givenName,
      patronymic: line.patronymic,
      surnameLatin: line.surnameLatin,
      givenNameLatin: line.givenNameLatin,
      sex: line.sex,
      dateOfBirth: line.dateOfBirth,
      placeOfBirth: line.placeOfBirth,
      rank: line.rank,
      serviceNumber: line.serviceNumber,
      unit: line.unit,
      lastKnownPlace: text('last_known_place') ?? line.capturePlace,
      lastKnownDate,
      circumstances: text('circumstances') ?? line.notes,
      marks: text('marks'),
    },
    consent: {
      tracing: yesNo('consent_tracing'),
      sharing: {
        mediator: yesNo('share_mediator'),
        icrc: yesNo('share_icrc'),
        otherParty: yesNo('share_other_party'),
      },
    },
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}
