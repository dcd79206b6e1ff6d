import {
  CONFIDENCES,
  EVENT_TYPES,
  OBSERVATION_SOURCES,
  PERCEPTIONS,
  parseDateTime,
  parseDecimal,
  parseLatitude,
  parseLongitude,
  type ViolationInput,
  type ViolationProblem,
} from './violation.ts';

/** The columns of a violations file (README, "Violation reports"); the first six are required. */
export const VIOLATION_COLUMNS = [
  'sector',
  'source',
  'window_start',
  'window_end',
  'event_type',
  'count',
  'perceived',
  'observer_latitude',
  'observer_longitude',
  'weapon',
  'bearing',
  'distance_km',
  'trajectory',
  'confidence',
  'consequences',
  'attribution',
] as const;
export type ViolationColumn = (typeof VIOLATION_COLUMNS)[number];

const REQUIRED: readonly ViolationColumn[] = [
  'sector',
  'source',
  'window_start',
  'window_end',
  'event_type',
  'count',
  'perceived',
];
const MAX_TEXT = 2000;

/** Where each known column is in the file, and what is wrong with the header. */
export function readViolationHeader(cells: readonly string[]): {
  columns: Map<ViolationColumn, number>;
  problems: ViolationProblem[];
} {
  const columns = new Map<ViolationColumn, number>();
  const problems: ViolationProblem[] = [];
  cells.forEach((cell, index) => {
    const name = cell
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase();
    if (name === '') return;
    if (!(VIOLATION_COLUMNS as readonly string[]).includes(name)) {
      problems.push({
        line: 1,
        column: cell,
        message: `unknown column; the columns are ${VIOLATION_COLUMNS.join(', ')}`,
        severity: 'error',
      });
    } else if (columns.has(name as ViolationColumn)) {
      problems.push({
        line: 1,
        column: name,
        message: 'the column appears twice',
        severity: 'error',
      });
    } else columns.set(name as ViolationColumn, index);
  });
  for (const name of REQUIRED)
    if (!columns.has(name))
      problems.push({
        line: 1,
        column: name,
        message: 'a required column is missing',
        severity: 'error',
      });
  return { columns, problems };
}

/** One line of a violations file as a report, or every problem of the line. */
export function validateViolationRow(
  line: number,
  columns: ReadonlyMap<ViolationColumn, number>,
  cells: readonly string[],
): { violation: ViolationInput | null; problems: ViolationProblem[] } {
  const problems: ViolationProblem[] = [];
  const cell = (name: ViolationColumn) => {
    const index = columns.get(name);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const fail = (column: ViolationColumn, message: string) =>
    problems.push({ line, column, message, value: cell(column), severity: 'error' });
  const text = (name: ViolationColumn, isRequired: boolean): string | null => {
    const value = cell(name);
    if (value === '') {
      if (isRequired) fail(name, 'is required');
      return null;
    }
    if (value.length > MAX_TEXT) fail(name, `is longer than ${MAX_TEXT} characters`);
    return value;
  };
  const choice = <T extends string>(
    name: ViolationColumn,
    choices: readonly T[],
    isRequired: boolean,
  ) => {
    const value = cell(name).toLowerCase();
    if (value === '') {
      if (isRequired) fail(name, 'is required');
      return null;
    }
    if (!(choices as readonly string[]).includes(value)) {
      fail(name, `must be one of ${choices.join(', ')}`);
      return null;
    }
    return value as T;
  };
  const number = (name: ViolationColumn, min: number, max: number, what: string) => {
    if (cell(name) === '') return null;
    const parsed = parseDecimal(cell(name), min, max, what);
    if ('problem' in parsed) {
      fail(name, parsed.problem);
      return null;
    }
    return parsed.value;
  };
  const time = (name: ViolationColumn) => {
    if (cell(name) === '') {
      fail(name, 'is required');
      return null;
    }
    const parsed = parseDateTime(cell(name));
    if (!parsed)
      fail(name, 'must be a date and time such as 2025-06-03T21:10 or 2025-06-03T21:10+03:00');
    return parsed;
  };

  const sector = text('sector', true);
  const source = choice('source', OBSERVATION_SOURCES, true);
  const windowStart = time('window_start');
  const windowEnd = time('window_end');
  if (windowStart && windowEnd && windowEnd < windowStart)
    fail('window_end', 'ends before the window starts');
  const eventType = choice('event_type', EVENT_TYPES, true);
  let count: number | null = null;
  if (cell('count') === '') fail('count', 'is required');
  else if (!/^\d{1,6}$/.test(cell('count')) || Number(cell('count')) < 1)
    fail('count', 'must be a whole number from 1 to 999999');
  else count = Number(cell('count'));
  const perceived = choice('perceived', PERCEPTIONS, true);

  let observerPosition: { latitude: number; longitude: number } | null = null;
  const [lat, lon] = [cell('observer_latitude'), cell('observer_longitude')];
  if (lat !== '' || lon !== '') {
    const latitude = lat === '' ? null : parseLatitude(lat);
    const longitude = lon === '' ? null : parseLongitude(lon);
    if (!latitude) fail('observer_latitude', 'is required with observer_longitude');
    else if ('problem' in latitude) fail('observer_latitude', latitude.problem);
    if (!longitude) fail('observer_longitude', 'is required with observer_latitude');
    else if ('problem' in longitude) fail('observer_longitude', longitude.problem);
    if (latitude && 'value' in latitude && longitude && 'value' in longitude)
      observerPosition = { latitude: latitude.value, longitude: longitude.value };
  }
  const assessment = {
    weapon: text('weapon', false),
    bearingDeg: number('bearing', 0, 360, 'a bearing in degrees'),
    distanceKm: number('distance_km', 0, 1000, 'a distance in kilometres'),
    trajectory: text('trajectory', false),
    confidence: choice('confidence', CONFIDENCES, false),
    consequences: text('consequences', false),
    attribution: text('attribution', false),
  };
  if (
    problems.length > 0 ||
    !sector ||
    !source ||
    !windowStart ||
    !windowEnd ||
    !eventType ||
    !count ||
    !perceived
  )
    return { violation: null, problems };
  return {
    violation: {
      sector,
      observation: {
        source,
        observerPosition,
        windowStart,
        windowEnd,
        eventType,
        count,
        perceived,
      },
      assessment,
    },
    problems,
  };
}
