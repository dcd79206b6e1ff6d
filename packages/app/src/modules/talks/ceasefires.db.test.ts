import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.ts';
import type { Services } from '../../services.ts';
import { buildMechanism, csvOf } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';

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
  'weapon',
  'bearing',
  'distance_km',
  'confidence',
  'attribution',
];
const GOOD = [
  [
    'Pokrovsk',
    'patrol',
    '2025-07-25T21:10',
    '2025-07-25T21:40',
    'shelling',
    '12',
    'heard',
    '48.2823',
    '37.1758',
    'artillery',
    '135',
    '4.5',
    'medium',
    '',
  ],
  [
    'Pokrovsk',
    'drone',
    '2025-07-26T03:00+03:00',
    '2025-07-26T03:05+03:00',
    'explosion',
    '2',
    'seen',
    '48.29',
    '37.18',
    '',
    '',
    '',
    'low',
    '',
  ],
  [
    'Huliaipole',
    'fixed_camera',
    '2025-07-26T10:00Z',
    '2025-07-26T10:20Z',
    'small_arms',
    '30',
    'seen_and_heard',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ],
];

describeEachDatabase('violation reports', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  let base: string;
  let truce: string;
  const as = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
    base = `/api/v1/mechanisms/${mechanism}/talks`;
    for (const party of ['UA', 'RU'])
      as.set(party, await tokenFor(services, { mechanism, role: 'party_officer', party }));
    as.set('mediator', await tokenFor(services, { mechanism, role: 'mediator' }));
    as.set('verifier', await tokenFor(services, { mechanism, role: 'neutral_verifier' }));
    as.set('observer', await tokenFor(services, { mechanism, role: 'observer' }));
    truce = (
      await services.ceasefires.propose(SYSTEM_ACTOR, {
        mechanism,
        name: 'Truce to collect bodies, Pokrovsk',
        kind: 'local',
        scope: ['land'],
        geography: 'Pokrovsk sector',
        sectors: ['Pokrovsk'],
        startsAt: new Date('2025-07-25T18:00:00Z'),
        durationDays: 3,
        proposedBy: 'RU',
      })
    ).id;
  });

  const post = (who: string, url: string, payload: object) =>
    app.inject({ method: 'POST', url: `${base}${url}`, headers: as.get(who)!, payload });
  const get = async <T>(who: string, url: string) =>
    (await app.inject({ url: `${base}${url}`, headers: as.get(who)! })).json<T>();

  it('refuses a file with any bad line, names each error by line and column, and stores nothing', async () => {
    const bad = [
      ...GOOD,
      [
        'Pokrovsk',
        'patrol',
        '2025-07-26T25:00',
        '2025-07-26T10:00',
        'shelling',
        '3',
        'heard',
        '91.5',
        '37.1',
        '',
        '',
        '',
        '',
        '',
      ],
      [
        '',
        'rumour',
        '2025-07-26T10:00',
        '2025-07-26T10:05',
        'shelling',
        'many',
        'heard',
        '48,28',
        '37.17',
        '',
        '',
        '',
        'sure',
        '',
      ],
    ];
    const response = await post('UA', '/violations/import', {
      reporter: { party: 'UA' },
      ceasefire: truce,
      fileName: 'ua-july.csv',
      csv: csvOf([HEADER, ...bad]),
    });
    expect(response.statusCode).toBe(422);
    const { error } = response.json<{
      error: {
        code: string;
        message: string;
        details: { errors: Array<{ line: number; column: string; value: string }> };
      };
    }>();
    expect(error.code).toBe('TALKS.IMPORT_REJECTED');
    expect(error.message).toBe('ua-july.csv was not imported: 7 errors');
    expect(error.details.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [5, 'window_start', '2025-07-26T25:00'],
      [5, 'observer_latitude', '91.5'],
      [6, 'sector', ''],
      [6, 'source', 'rumour'],
      [6, 'count', 'many'],
      [6, 'observer_latitude', '48,28'],
      [6, 'confidence', 'sure'],
    ]);
    expect(await get<{ total: number }>('observer', '/violations')).toMatchObject({ total: 0 });
  });

  it('previews a file without storing it: the same errors by line and column, or its reports', async () => {
    const bad = [
      ...GOOD.slice(0, 1),
      ['Pokrovsk', 'patrol', '2025-07-26T25:00', ...GOOD[0]!.slice(3)],
    ];
    const preview = await post('UA', '/violations/import/preview', {
      reporter: { party: 'UA' },
      fileName: 'ua-july.csv',
      csv: csvOf([HEADER, ...bad]),
    });
    expect(preview.statusCode).toBe(200);
    expect(
      preview
        .json<{ errors: Array<{ line: number; column: string }> }>()
        .errors.map((e) => [e.line, e.column]),
    ).toEqual([[3, 'window_start']]);
    const good = await post('UA', '/violations/import/preview', {
      reporter: { party: 'UA' },
      csv: csvOf([HEADER, ...GOOD]),
    });
    expect(good.json()).toMatchObject({
      reports: 3,
      errors: [],
      sample: [
        {
          line: 2,
          sector: 'Pokrovsk',
          observation: { count: 12 },
          assessment: { weapon: 'artillery' },
        },
        {},
        {},
      ],
    });
    expect(
      (await post('RU', '/violations/import/preview', { reporter: { party: 'UA' }, csv: 'x' }))
        .statusCode,
    ).toBe(403);
    expect(await get<{ total: number }>('observer', '/violations')).toMatchObject({ total: 0 });
  });

  it('imports a good file, and counts reports and events per day and per sector', async () => {
    const imported = await post('UA', '/violations/import', {
      reporter: { party: 'UA' },
      ceasefire: truce,
      csv: csvOf([HEADER, ...GOOD]),
    });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ reports: 3 });
    const counts = await get<object>('observer', '/violations/counts');
    expect(counts).toEqual({
      perDay: [
        { day: '2025-07-25', reports: 1, events: 12 },
        { day: '2025-07-26', reports: 2, events: 32 },
      ],
      perSector: [
        { sector: 'Huliaipole', reports: 1, events: 30 },
        { sector: 'Pokrovsk', reports: 2, events: 14 },
      ],
    });
    const { items } = await get<{
      items: Array<{
        observation: { windowStart: string; observerPosition: unknown };
        assessment: { bearingDeg: number | null };
        importLine: number;
      }>;
    }>('RU', '/violations?sector=Pokrovsk');
    expect(items.map((i) => [i.importLine, i.observation.windowStart])).toEqual([
      [2, '2025-07-25T21:10:00.000Z'],
      [3, '2025-07-26T00:00:00.000Z'],
    ]);
    expect(items[0]?.observation.observerPosition).toEqual({
      latitude: 48.2823,
      longitude: 37.1758,
    });
    expect(items[0]?.assessment.bearingDeg).toBe(135);
  });

  it('takes reports from a party for itself and from monitors, and lets the monitor verify them', async () => {
    const report = {
      sector: 'Huliaipole',
      observation: {
        source: 'patrol',
        observerPosition: { latitude: 47.66, longitude: 36.26 },
        windowStart: '2025-07-27T08:00:00Z',
        windowEnd: '2025-07-27T08:30:00Z',
        eventType: 'drone_strike',
        count: 1,
        perceived: 'seen',
      },
      assessment: { weapon: 'FPV drone', confidence: 'high', attribution: null },
    };
    expect(
      (await post('UA', '/violations', { ...report, reporter: { party: 'RU' } })).statusCode,
    ).toBe(403);
    expect(
      (await post('UA', '/violations', { ...report, reporter: { monitor: 'UA patrol' } }))
        .statusCode,
    ).toBe(403);
    const outside = await post('verifier', '/violations', {
      ...report,
      reporter: { monitor: 'SMM' },
      observation: { ...report.observation, observerPosition: { latitude: 47.66, longitude: 191 } },
    });
    expect(outside.statusCode).toBe(400);
    const made = await post('verifier', '/violations', { ...report, reporter: { monitor: 'SMM' } });
    expect(made.statusCode).toBe(201);
    const { id } = made.json<{ id: string }>();
    expect(
      (await post('RU', `/violations/${id}/verification`, { verification: 'disputed' })).statusCode,
    ).toBe(403);
    const verified = await post('verifier', `/violations/${id}/verification`, {
      verification: 'confirmed',
    });
    expect(verified.json()).toEqual({ id, verification: 'confirmed' });
  });

  it('puts regimes and violations on one timeline', async () => {
    const timeline = await get<Array<{ at: string; kind: string; title: string }>>(
      'observer',
      '/timeline?from=2025-07-25',
    );
    expect(timeline.map((e) => [e.at.slice(0, 10), e.kind])).toEqual([
      ['2025-07-25', 'violations'],
      ['2025-07-26', 'violations'],
      ['2025-07-27', 'violations'],
      [expect.any(String), 'ceasefire'],
    ]);
  });

  it('audits each report, import and verdict, and nothing of a refused file', async () => {
    const rows = await db()
      .selectFrom('audit_entry')
      .select('action')
      .where('mechanism_id', '=', mechanism)
      .where('action', 'like', 'talks.violation.%')
      .orderBy('action')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      'talks.violation.import',
      'talks.violation.report',
      'talks.violation.verify',
    ]);
  });
});
