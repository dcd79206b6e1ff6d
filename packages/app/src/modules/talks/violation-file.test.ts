import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvOf } from '../../testing/factories.ts';
import { formatProblem } from '../registry/index.ts';
import { readViolationFile } from './violation-file.ts';
import { EVENT_TYPES, OBSERVATION_SOURCES, PERCEPTIONS } from './domain/violation.ts';

const HEADER = [
  'sector',
  'source',
  'window_start',
  'window_end',
  'event_type',
  'count',
  'perceived',
  'observer_latitude',
  'observer_longitude',
  'bearing',
];

const decimal = (min: number, max: number) =>
  fc.integer({ min: min * 10_000, max: max * 10_000 }).map((n) => n / 10_000);
const minute = fc
  .integer({ min: Date.UTC(2022, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 })
  .map((m) => new Date(m * 60_000));
const iso = (d: Date) => d.toISOString().slice(0, 16);

const row = fc.record({
  sector: fc.stringMatching(/^[A-Za-zА-Яа-яІіЇї][\w -]{0,20}$/),
  source: fc.constantFrom(...OBSERVATION_SOURCES),
  start: minute,
  minutes: fc.integer({ min: 0, max: 600 }),
  eventType: fc.constantFrom(...EVENT_TYPES),
  count: fc.integer({ min: 1, max: 5000 }),
  perceived: fc.constantFrom(...PERCEPTIONS),
  latitude: decimal(-90, 90),
  longitude: decimal(-180, 180),
  bearing: fc.option(decimal(0, 360), { nil: null }),
});
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;
const cells = (r: Row) => [
  r.sector,
  r.source,
  iso(r.start),
  iso(new Date(r.start.getTime() + r.minutes * 60_000)),
  r.eventType,
  String(r.count),
  r.perceived,
  String(r.latitude),
  String(r.longitude),
  r.bearing === null ? '' : String(r.bearing),
];

describe('reading a violations file', () => {
  it('gives back every valid row as it was written', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
        const read = readViolationFile(csvOf([HEADER, ...rows.map(cells)]));
        expect(read.problems).toEqual([]);
        expect(read.violations.map((v) => v.line)).toEqual(rows.map((_, i) => i + 2));
        read.violations.forEach(({ violation }, i) => {
          const r = rows[i]!;
          expect(violation.sector).toBe(r.sector.trim());
          expect(violation.observation).toEqual({
            source: r.source,
            observerPosition: { latitude: r.latitude, longitude: r.longitude },
            windowStart: r.start,
            windowEnd: new Date(r.start.getTime() + r.minutes * 60_000),
            eventType: r.eventType,
            count: r.count,
            perceived: r.perceived,
          });
          expect(violation.assessment.bearingDeg).toBe(r.bearing);
        });
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('names the line and column of any coordinate out of range, and imports nothing', () => {
    const outside = fc.oneof(
      fc.record({
        column: fc.constant('observer_latitude'),
        value: fc.oneof(decimal(90.0001, 1000), decimal(-1000, -90.0001)),
      }),
      fc.record({
        column: fc.constant('observer_longitude'),
        value: fc.oneof(decimal(180.0001, 1000), decimal(-1000, -180.0001)),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 10 }),
        fc.nat(),
        outside,
        (rows, at, bad) => {
          const index = at % rows.length;
          const lines = rows.map(cells);
          lines[index]![HEADER.indexOf(bad.column)] = String(bad.value);
          const read = readViolationFile(csvOf([HEADER, ...lines]));
          expect(read.violations).toEqual([]);
          expect(read.problems.map(formatProblem)).toEqual([
            `line ${index + 2}, column ${bad.column}: a ${bad.column === 'observer_latitude' ? 'latitude must be from -90 to 90' : 'longitude must be from -180 to 180'} (${JSON.stringify(String(bad.value))})`,
          ]);
        },
      ),
      { seed: 12, numRuns: 200 },
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const read = readViolationFile(`${HEADER.join(',')}\n${text}`);
        expect(read.violations.length === 0 || read.problems.length === 0).toBe(true);
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it('says what is wrong with each field, a comma decimal included', () => {
    const read = readViolationFile(csvOf([[...HEADER, 'colour']]));
    expect(read.problems.map(formatProblem)).toEqual([
      'line 1, column colour: unknown column; the columns are sector, source, window_start, window_end, event_type, count, perceived, observer_latitude, observer_longitude, weapon, bearing, distance_km, trajectory, confidence, consequences, attribution',
    ]);
    const bad = readViolationFile(
      csvOf([
        HEADER,
        [
          'Horlivka',
          'patrol',
          '2025-06-03T21:10',
          '2025-06-03T21:00',
          'shelling',
          '0',
          'felt',
          '48,3',
          '',
          '400',
        ],
      ]),
    );
    expect(bad.problems.map(formatProblem)).toEqual([
      'line 2, column window_end: ends before the window starts ("2025-06-03T21:00")',
      'line 2, column count: must be a whole number from 1 to 999999 ("0")',
      'line 2, column perceived: must be one of seen, heard, seen_and_heard ("felt")',
      'line 2, column observer_latitude: a latitude must use a dot as the decimal separator ("48,3")',
      'line 2, column observer_longitude: is required with observer_latitude ("")',
      'line 2, column bearing: a bearing in degrees must be from 0 to 360 ("400")',
    ]);
  });
});
