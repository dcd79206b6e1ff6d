import type { LineOutcome, ListKind } from './outcomes.ts';

/**
 * The lists the parties exchange after a reconciliation (issue 16, item 6), as the mediator
 * releases them to one party: of the persons the party seeks, those the other side acknowledged
 * holding and those it did not; and the persons the other side says it holds whom the party did
 * not ask for. A line still under review ("possible") is on none of them.
 */
export const OUTCOME_LISTS = ['not_acknowledged', 'acknowledged', 'unrequested'] as const;
export type OutcomeList = (typeof OUTCOME_LISTS)[number];

export const FILE_LANGUAGES = ['en', 'uk', 'ru'] as const;
export type FileLanguage = (typeof FILE_LANGUAGES)[number];

/** Which line outcomes of which party's list make each list released to `party`. */
export function sourceOf(
  list: OutcomeList,
  party: string,
  otherParty: string,
): { party: string; kind: ListKind; outcome: LineOutcome } {
  if (list === 'unrequested') return { party: otherParty, kind: 'held', outcome: 'unrequested' };
  return { party, kind: 'sought', outcome: list };
}

/** One person on an outcome list: the Art. 17 minimum, as the line that names them has it. */
export interface OutcomeListLine {
  list: OutcomeList;
  /** The party whose list the line is on: the recipient's for its sought lines, the other side's for unrequested ones. */
  listParty: string;
  recordId: string;
  name: string | null;
  nameLatin: string | null;
  dateOfBirth: string | null;
  rank: string | null;
  serviceNumber: string | null;
}

const COLUMNS = [
  'list',
  'listParty',
  'recordId',
  'name',
  'nameLatin',
  'dateOfBirth',
  'rank',
  'serviceNumber',
] as const;

/** The headings and list names of an exported file, in each language a file is offered in. */
const TEXTS: Record<
  FileLanguage,
  {
    columns: Record<(typeof COLUMNS)[number], string>;
    lists: Record<OutcomeList, string>;
    document: DocumentTexts;
  }
> = {
  en: {
    columns: {
      list: 'List',
      listParty: 'List of party',
      recordId: 'Record',
      name: 'Name',
      nameLatin: 'Name (Latin)',
      dateOfBirth: 'Date of birth',
      rank: 'Rank',
      serviceNumber: 'Service number',
    },
    lists: {
      not_acknowledged: 'Not acknowledged',
      acknowledged: 'Acknowledged',
      unrequested: 'Unrequested',
    },
    document: {
      title: 'Outcome lists released to {party}',
      released: 'Released on {date} by the mediator, from reconciliation run {run}',
      persons: 'Persons: {count}',
      none: 'No one is on this list.',
      page: 'Page',
    },
  },
  uk: {
    columns: {
      list: 'Список',
      listParty: 'Список сторони',
      recordId: 'Запис',
      name: 'Ім’я',
      nameLatin: 'Ім’я (латиницею)',
      dateOfBirth: 'Дата народження',
      rank: 'Звання',
      serviceNumber: 'Особистий номер',
    },
    lists: {
      not_acknowledged: 'Не визнано',
      acknowledged: 'Визнано',
      unrequested: 'Не запитано',
    },
    document: {
      title: 'Списки результатів, передані стороні {party}',
      released: 'Передано посередником {date} за результатами звіряння {run}',
      persons: 'Осіб: {count}',
      none: 'У цьому списку нікого немає.',
      page: 'Сторінка',
    },
  },
  ru: {
    columns: {
      list: 'Список',
      listParty: 'Список стороны',
      recordId: 'Запись',
      name: 'Имя',
      nameLatin: 'Имя (латиницей)',
      dateOfBirth: 'Дата рождения',
      rank: 'Звание',
      serviceNumber: 'Личный номер',
    },
    lists: {
      not_acknowledged: 'Не признано',
      acknowledged: 'Признано',
      unrequested: 'Не запрошено',
    },
    document: {
      title: 'Списки результатов, переданные стороне {party}',
      released: 'Переданы посредником {date} по результатам сверки {run}',
      persons: 'Лиц: {count}',
      none: 'В этом списке никого нет.',
      page: 'Страница',
    },
  },
};

/** The outcome lists as a table in a language: a heading row, then one row a person. */
export function outcomeTable(
  lines: readonly OutcomeListLine[],
  language: FileLanguage,
): string[][] {
  const text = TEXTS[language];
  return [
    COLUMNS.map((c) => text.columns[c]),
    ...lines.map((line) =>
      COLUMNS.map((c) => (c === 'list' ? text.lists[line.list] : (line[c] ?? ''))),
    ),
  ];
}

/** The words of a printed outcome list, in a language; `{name}` is filled in by `fill`. */
export interface DocumentTexts {
  title: string;
  released: string;
  persons: string;
  none: string;
  page: string;
}

/** The words of a printed outcome list in a language. */
export const documentTexts = (language: FileLanguage): DocumentTexts => TEXTS[language].document;

/** A text with its `{name}` placeholders filled. */
export const fill = (text: string, values: Readonly<Record<string, string | number>>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );

/** The name of a list's sheet or file part, in a language. */
export const listName = (list: OutcomeList, language: FileLanguage) => TEXTS[language].lists[list];
