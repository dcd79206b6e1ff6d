import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildMechanism } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';

const regime = (name: string) => ({
  name,
  kind: 'local',
  scope: ['land'],
  geography: 'Zaporizhzhia front line',
  proposedBy: 'UA',
});
const memo = (title: string) => ({
  title,
  author: 'UA',
  kind: 'proposal',
  tabledOn: '2025-07-23',
  points: [
    { label: '1', kind: 'humanitarian', text: 'Exchange all for all.' },
    { label: '2', kind: 'ceasefire', text: 'A ceasefire of 30 days.' },
  ],
});

describeEachDatabase('corrections to the record of the talks', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  let base: string;
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
  });

  const request = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    who: string,
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url: `${base}${url}`,
      headers: as.get(who)!,
      ...(payload ? { payload } : {}),
    });
  const post = (who: string, url: string, payload: object) => request('POST', who, url, payload);
  const errorOf = (response: { json: <T>() => T }) =>
    response.json<{ error: { code: string; message: string } }>().error;
  const auditOf = (action: string) =>
    db()
      .selectFrom('audit_entry')
      .select(['object_ids', 'details', 'reason'])
      .where('mechanism_id', '=', mechanism)
      .where('action', '=', action)
      .execute();

  it('answers two regimes of one name at once with a 409 naming the name, never a 500', async () => {
    const both = await Promise.all([
      post('mediator', '/ceasefires', regime('Easter truce')),
      post('mediator', '/ceasefires', regime('Easter truce')),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const refused = errorOf(both.find((r) => r.statusCode === 409)!);
    expect(refused.code).toBe('TALKS.NAME_TAKEN');
    expect(refused.message).toMatch(/^name: "Easter truce" is taken/);
    const again = errorOf(await post('mediator', '/ceasefires', regime('Easter truce')));
    expect(again.message).toMatch(/^name: "Easter truce" is taken/);
  });

  it('answers two new documents of one title at once with a 409 naming the title', async () => {
    const both = await Promise.all([
      post('mediator', '/documents', memo('Peace formula')),
      post('mediator', '/documents', memo('Peace formula')),
    ]);
    // Tabled one after the other, the second is a new version; at the same moment, one is refused.
    const statuses = both.map((r) => r.statusCode).sort();
    if (statuses[1] === 409)
      expect(errorOf(both.find((r) => r.statusCode === 409)!)).toMatchObject({
        code: 'TALKS.NAME_TAKEN',
        message:
          'title: "Peace formula" was tabled by another request at the same moment; table it again to make it a new version',
      });
    else expect(both.map((r) => r.json<{ version: number }>().version).sort()).toEqual([1, 2]);
    expect(statuses[0]).toBe(201);
  });

  it('numbers two rounds recorded at once one after the other', async () => {
    const round = { date: '2025-08-01', venue: 'Geneva' };
    const both = await Promise.all([
      post('mediator', '/rounds', round),
      post('mediator', '/rounds', round),
    ]);
    expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(both.map((r) => r.json<{ number: number }>().number).sort()).toEqual([1, 2]);
  });

  it("audits every read of a party's notes, naming the notes it returned", async () => {
    const added = await post('RU', '/notes', { text: 'Hold firm on 2.3.' });
    const id = added.json<{ id: string }>().id;
    expect((await request('GET', 'RU', '/notes')).statusCode).toBe(200);
    const reads = await auditOf('talks.note.read');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ object_ids: [id], details: { party: 'RU', notes: 1 } });
    expect((await request('GET', 'UA', '/notes?party=RU')).statusCode).toBe(403);
    expect(await auditOf('talks.note.read')).toHaveLength(1);
  });

  it("corrects a round's details for the mediator only, keeping what they were in the audit log", async () => {
    const round = (
      await post('mediator', '/rounds', { date: '2025-07-22', venue: 'Istanbul' })
    ).json<{
      id: string;
    }>();
    const correction = {
      date: '2025-07-23',
      venue: 'Çırağan Palace, Istanbul',
      delegations: [{ party: 'ua', head: 'Rustem Umerov', members: [] }],
      outcomes: [{ text: 'Exchange of 1,200 prisoners agreed.' }],
      reason: 'the minutes give the 23rd',
    };
    expect((await request('PATCH', 'UA', `/rounds/${round.id}`, correction)).statusCode).toBe(403);
    const corrected = await request('PATCH', 'mediator', `/rounds/${round.id}`, correction);
    expect(corrected.statusCode).toBe(200);
    const rounds = (await request('GET', 'observer', '/rounds')).json<
      Array<{ id: string; date: string; venue: string; delegations: unknown; outcomes: unknown }>
    >();
    expect(rounds.find((r) => r.id === round.id)).toMatchObject({
      date: '2025-07-23',
      venue: 'Çırağan Palace, Istanbul',
      delegations: [{ party: 'UA', head: 'Rustem Umerov', members: [] }],
      outcomes: [{ number: 1, text: 'Exchange of 1,200 prisoners agreed.', agreement: null }],
    });
    const [entry] = await auditOf('talks.round.correct');
    expect(entry).toMatchObject({
      reason: 'the minutes give the 23rd',
      details: { before: { date: '2025-07-22', venue: 'Istanbul', outcomes: [] } },
    });
    const empty = await request('PATCH', 'mediator', `/rounds/${round.id}`, {});
    expect(empty.json()).toMatchObject({
      error: { code: 'VALIDATION.INVALID_INPUT', message: 'a correction names at least one field' },
    });
    const badDate = await request('PATCH', 'mediator', `/rounds/${round.id}`, {
      date: '23.07.2025',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json<{ error: { message: string } }>().error.message).toContain('date');
  });

  it("corrects a point's text as a new version, keeping the other points' positions and the old version", async () => {
    const tabled = (await post('mediator', '/documents', memo('Road map'))).json<{ id: string }>();
    const doc = (v = '') =>
      request('GET', 'observer', `/documents/${tabled.id}${v}`).then((r) =>
        r.json<{
          version: number;
          points: Array<{
            id: string;
            label: string;
            text: string;
            positions: Array<{ party: string; stance: string }>;
          }>;
        }>(),
      );
    const first = await doc();
    const accept = (pointId: string) =>
      post('RU', '/positions', {
        pointId,
        party: 'RU',
        stance: 'accepts',
        statedOn: '2025-07-24',
        source: 'RU statement',
      });
    for (const p of first.points) expect((await accept(p.id)).statusCode).toBe(201);
    const revision = { text: 'A ceasefire of 60 days.', tabledOn: '2025-07-25' };
    expect(
      (await request('PUT', 'RU', `/documents/${tabled.id}/points/2`, revision)).statusCode,
    ).toBe(403);
    const revised = await request('PUT', 'mediator', `/documents/${tabled.id}/points/2`, revision);
    expect(revised.json()).toMatchObject({ version: 2, points: 2 });
    const second = await doc();
    const ru = (p: (typeof second.points)[number]) =>
      p.positions.find((x) => x.party === 'RU')?.stance;
    expect(second.points.map((p) => [p.label, p.text, ru(p)])).toEqual([
      ['1', 'Exchange all for all.', 'accepts'],
      ['2', 'A ceasefire of 60 days.', 'silent'],
    ]);
    expect((await doc('?version=1')).points[1]?.text).toBe('A ceasefire of 30 days.');
    const same = await request('PUT', 'mediator', `/documents/${tabled.id}/points/2`, revision);
    expect(same.json()).toMatchObject({
      error: {
        code: 'VALIDATION.INVALID_INPUT',
        message: 'text: point 2 of version 2 already says this',
      },
    });
    const missing = await request('PUT', 'mediator', `/documents/${tabled.id}/points/9`, revision);
    expect(missing.statusCode).toBe(404);
  });

  it('keeps a position taken before when a party takes a new one', async () => {
    const tabled = (await post('mediator', '/documents', memo('Sequence'))).json<{ id: string }>();
    const point = (await request('GET', 'observer', `/documents/${tabled.id}`)).json<{
      points: Array<{ id: string }>;
    }>().points[0]!;
    const take = (stance: string, statedOn: string) =>
      post('RU', '/positions', {
        pointId: point.id,
        party: 'RU',
        stance,
        statedOn,
        source: 'TASS',
      });
    expect((await take('rejects', '2025-06-02')).statusCode).toBe(201);
    expect((await take('accepts', '2025-07-23')).statusCode).toBe(201);
    const after = (await request('GET', 'observer', `/documents/${tabled.id}`)).json<{
      points: Array<{
        positions: Array<{ party: string; stance: string }>;
        history: Array<{ party: string; stance: string; statedOn: string }>;
      }>;
    }>().points[0]!;
    expect(after.positions.find((p) => p.party === 'RU')?.stance).toBe('accepts');
    expect(
      after.history.filter((h) => h.party === 'RU').map((h) => [h.stance, h.statedOn]),
    ).toEqual([
      ['rejects', '2025-06-02'],
      ['accepts', '2025-07-23'],
    ]);
  });

  it("corrects a report's assessment for monitors, never its observation, and audits what it was", async () => {
    const reported = await post('UA', '/violations', {
      reporter: { party: 'UA' },
      sector: 'Huliaipole',
      observation: {
        source: 'patrol',
        windowStart: '2025-07-25T21:10:00Z',
        windowEnd: '2025-07-25T21:40:00Z',
        eventType: 'shelling',
        count: 12,
        perceived: 'heard',
      },
      assessment: { weapon: 'mortar', confidence: 'low' },
    });
    const { id } = reported.json<{ id: string }>();
    const correction = {
      assessment: { weapon: 'artillery', confidence: 'medium' },
      reason: 'crater analysis',
    };
    expect(
      (await request('PATCH', 'UA', `/violations/${id}/assessment`, correction)).statusCode,
    ).toBe(403);
    const corrected = await request(
      'PATCH',
      'verifier',
      `/violations/${id}/assessment`,
      correction,
    );
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({
      observation: { eventType: 'shelling', count: 12 },
      assessment: { weapon: 'artillery', confidence: 'medium', attribution: null },
    });
    const [entry] = await auditOf('talks.violation.assess');
    expect(entry).toMatchObject({
      object_ids: [id],
      reason: 'crater analysis',
      details: { before: { weapon: 'mortar', confidence: 'low' } },
    });
    const observation = await request('PATCH', 'verifier', `/violations/${id}/assessment`, {
      assessment: { count: 3 },
    });
    expect(observation.statusCode).toBe(400);
    const bearing = await request('PATCH', 'verifier', `/violations/${id}/assessment`, {
      assessment: { bearingDeg: 400 },
    });
    expect(bearing.json<{ error: { message: string } }>().error.message).toContain('bearingDeg');
  });
});
