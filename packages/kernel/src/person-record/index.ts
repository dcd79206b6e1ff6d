// The person record as lists carry it: the columns of the list format and their values, and
// dates known to the day, the month or only the year. The server and the web read both from here.
export {
  blankPersonLine,
  FIELD_OF_COLUMN,
  HEALTH_STATUSES,
  LEGAL_STATUSES,
  LIST_COLUMNS,
  LIST_KINDS,
  SEXES,
  type ListColumn,
  type ListKind,
  type PersonLine,
} from './list-columns.ts';
export {
  completedYears,
  dateBounds,
  isCertainlyAfter,
  parsePartialDate,
  yearsBetween,
  type DateBounds,
  type DatePrecision,
  type PartialDate,
  type PartialDateResult,
} from './partial-date.ts';
