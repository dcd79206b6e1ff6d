import {
  HEALTH_STATUSES,
  LEGAL_STATUSES,
  type ListColumn,
  type PersonLine,
} from './list-columns.ts';
import type { HeaderSlot } from './list-header.ts';
import type { LineProblem } from './line-problem.ts';
import { isCertainlyAfter, parsePartialDate, type PartialDate } from '@parley/kernel/person-record';

export interface LineValidatorOptions {
  /** Import invalid values as missing, keeping their raw text and flagging the line. */
  acceptInvalid: boolean;
  /** ISO 3166-1 alpha-2 codes are checked with this; it answers whether a code names a region. */
  isKnownCountry: (code: string) => boolean;
  /**
   * A line with neither a surname nor a given name is left out with a warning instead of
   * refusing the file: linking reads files leniently (spec/list-format.md), import does not.
   */
  leaveOutNameless?: boolean;
}

export interface ValidatedLine {
  /** null when the line has an error that --accept-invalid cannot accept, or is blank. */
  line: PersonLine | null;
  problems: LineProblem[];
}

type ValueCheck = { ok: true; value: string } | { ok: false; message: string };

// Cyrillic М (мужской), Ч (чоловіча) and Ж (жіноча/женский) are how the parties' own forms write sex.
const SEX_CODES: Record<string, 'M' | 'F'> = { m: 'M', f: 'F', м: 'M', ч: 'M', ж: 'F' };
const LEGAL = new Set<string>(LEGAL_STATUSES);
const HEALTH = new Set<string>(HEALTH_STATUSES);

/**
 * Returns a validator of the data lines of one file; it remembers the record_ids it has seen,
 * so that a duplicate names the line of the first occurrence.
 */
export function createLineValidator(slots: readonly HeaderSlot[], options: LineValidatorOptions) {
  const firstLineOfRecord = new Map<string, number>();
  const labelOf = new Map<ListColumn, string>();
  for (const slot of slots) if (slot.kind === 'column') labelOf.set(slot.column, slot.label);

  const checks: Partial<Record<ListColumn, (text: string) => ValueCheck>> = {
    sex: (text) => code(SEX_CODES[text.toLowerCase()], 'must be M or F'),
    date_of_birth: checkDate,
    capture_date: checkDate,
    nationality: (text) => {
      const upper = text.toUpperCase();
      return /^[A-Z]{2}$/.test(upper) && options.isKnownCountry(upper)
        ? { ok: true, value: upper }
        : { ok: false, message: 'not an ISO 3166-1 alpha-2 country code' };
    },
    legal_status: (text) =>
      code(
        LEGAL.has(text.toLowerCase()) ? text.toLowerCase() : undefined,
        `must be one of ${[...LEGAL].join(', ')}`,
      ),
    health_status: (text) =>
      code(
        HEALTH.has(text.toLowerCase()) ? text.toLowerCase() : undefined,
        `must be one of ${[...HEALTH].join(', ')}`,
      ),
  };

  return function validateLine(lineNumber: number, cells: readonly string[]): ValidatedLine {
    const problems: LineProblem[] = [];
    if (cells.every((cell) => cell.trim() === '')) return { line: null, problems };
    if (cells.length > slots.length && cells.slice(slots.length).some((c) => c.trim() !== '')) {
      problems.push(
        lineError(
          lineNumber,
          null,
          `the line has ${cells.length} cells but the header only ${slots.length}`,
        ),
      );
      return { line: null, problems };
    }
    const values = new Map<ListColumn, string>();
    const extra: Record<string, string> = {};
    const invalid: Partial<Record<ListColumn, string>> = {};
    let isRejected = false;
    // A plain loop and no per-line closures: this runs for every line of lists of 100,000.
    for (let index = 0; index < slots.length; index++) {
      const slot = slots[index] as HeaderSlot;
      const text = (cells[index] ?? '').trim().normalize('NFC');
      if (text === '') continue;
      if (slot.kind === 'unnamed') {
        isRejected = true;
        problems.push(
          lineError(lineNumber, slot.label, 'a value in a column without a header', text),
        );
      } else if (slot.kind === 'extra') {
        extra[slot.label] = text;
      } else {
        const check = checks[slot.column]?.(text) ?? { ok: true, value: text };
        if (!check.ok) {
          isRejected =
            refuseValue(
              problems,
              {
                lineNumber,
                column: slot.column,
                label: slot.label,
                message: check.message,
                raw: text,
              },
              options.acceptInvalid,
              values,
              invalid,
            ) || isRejected;
        } else {
          values.set(slot.column, check.value);
          if (isYearOnly(slot.column, check.value)) {
            problems.push({
              line: lineNumber,
              column: slot.label,
              message: 'the date is given only as a year',
              value: text,
              severity: 'warning',
            });
          }
        }
      }
    }

    const birth = values.get('date_of_birth');
    const capture = values.get('capture_date');
    if (birth && capture && isCertainlyAfter(birth as PartialDate, capture as PartialDate)) {
      const label = labelOf.get('date_of_birth') ?? 'date_of_birth';
      const message = `the date of birth is after the capture date ${capture}`;
      isRejected =
        refuseValue(
          problems,
          { lineNumber, column: 'date_of_birth', label, message, raw: birth },
          options.acceptInvalid,
          values,
          invalid,
        ) || isRejected;
    }

    const recordId = values.get('record_id');
    if (!recordId) {
      isRejected = true;
      problems.push(
        lineError(lineNumber, labelOf.get('record_id') ?? 'record_id', 'record_id is empty'),
      );
    } else {
      const first = firstLineOfRecord.get(recordId);
      if (first !== undefined) {
        isRejected = true;
        problems.push(
          lineError(
            lineNumber,
            labelOf.get('record_id') ?? 'record_id',
            `duplicate record_id (first on line ${first})`,
            recordId,
          ),
        );
      } else {
        firstLineOfRecord.set(recordId, lineNumber);
      }
    }
    if (!values.has('surname') && !values.has('given_name')) {
      if (options.leaveOutNameless) {
        problems.push({
          line: lineNumber,
          column: null,
          message: 'the line has neither a surname nor a given name: left out',
          severity: 'warning',
          leftOut: true,
        });
        return { line: null, problems };
      }
      isRejected = true;
      problems.push(lineError(lineNumber, null, 'the line has neither a surname nor a given name'));
    }
    if (isRejected || !recordId) return { line: null, problems };
    return { line: toPersonLine(lineNumber, recordId, values, extra, invalid), problems };
  };
}

/**
 * Records an invalid value: an error, or with acceptInvalid a warning, the raw text kept in
 * `invalid` and the value counted as missing. Returns whether the line is now refused.
 */
function refuseValue(
  problems: LineProblem[],
  what: { lineNumber: number; column: ListColumn; label: string; message: string; raw: string },
  acceptInvalid: boolean,
  values: Map<ListColumn, string>,
  invalid: Partial<Record<ListColumn, string>>,
): boolean {
  const { lineNumber: line, column, label, message, raw } = what;
  if (!acceptInvalid) {
    problems.push({ line, column: label, message, value: raw, severity: 'error' });
    return true;
  }
  invalid[column] = raw;
  values.delete(column);
  problems.push({
    line,
    column: label,
    message: `${message}; imported as missing`,
    value: raw,
    severity: 'warning',
  });
  return false;
}

function toPersonLine(
  lineNumber: number,
  recordId: string,
  values: ReadonlyMap<ListColumn, string>,
  extra: Record<string, string>,
  invalid: Partial<Record<ListColumn, string>>,
): PersonLine {
  const text = (column: ListColumn) => values.get(column) ?? null;
  return {
    lineNumber,
    recordId,
    surname: text('surname'),
    givenName: text('given_name'),
    patronymic: text('patronymic'),
    surnameLatin: text('surname_latin'),
    givenNameLatin: text('given_name_latin'),
    sex: text('sex') as PersonLine['sex'],
    dateOfBirth: text('date_of_birth'),
    placeOfBirth: text('place_of_birth'),
    nationality: text('nationality'),
    legalStatus: text('legal_status') as PersonLine['legalStatus'],
    rank: text('rank'),
    serviceNumber: text('service_number'),
    unit: text('unit'),
    captureDate: text('capture_date'),
    capturePlace: text('capture_place'),
    detentionPlace: text('detention_place'),
    healthStatus: text('health_status') as PersonLine['healthStatus'],
    notes: text('notes'),
    extra,
    invalid,
  };
}

function checkDate(text: string): ValueCheck {
  const parsed = parsePartialDate(text);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, message: parsed.reason };
}

function code(value: string | undefined, message: string): ValueCheck {
  return value === undefined ? { ok: false, message } : { ok: true, value };
}

function isYearOnly(column: ListColumn, value: string): boolean {
  return (column === 'date_of_birth' || column === 'capture_date') && value.length === 4;
}

function lineError(
  line: number,
  column: string | null,
  message: string,
  value?: string,
): LineProblem {
  return value === undefined
    ? { line, column, message, severity: 'error' }
    : { line, column, message, value, severity: 'error' };
}
