import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.ts';
import type { Services } from '../../services.ts';
import { buildMechanism } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { loadTalksDemo } from './talks-demo.ts';

interface Point {
  id: string;
  label: string;
  text: string;
  positions: Array<{ party: string; stance: string; conditions: string | null }>;
  isGap: boolean;
}
interface Gap {
  parties: string[];
  documents: Array<{ title: string; points: Point[] }>;
}

const UA_MEMO = "Ukraine's memorandum, 2 June 2025";
const RU_MEMO = "Russia's memorandum, 2 June 2025";

describeEachDatabase('the record of the talks', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  let base: string;
  const as = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
    base = `/api/v1/mechanisms/${mechanism}/talks`;
    await services.agreements.create(SYSTEM_ACTOR, mechanism, { template: 'istanbul-2025-06-02' });
    for (const party of ['UA', 'RU'])
      as.set(party, await tokenFor(services, { mechanism, role: 'party_officer', party }));
    as.set('mediator', await tokenFor(services, { mechanism, role: 'mediator' }));
    as.set('observer', await tokenFor(services, { mechanism, role: 'observer' }));
    const loaded = await loadTalksDemo(services, SYSTEM_ACTOR, mechanism);
    expect(loaded).toEqual({
      created: true,
      rounds: 3,
      documents: 2,
      points: 25,
      ceasefires: 3,
      translated: 58,
    });
  });

  const get = async <T>(who: string, url: string) => {
    const response = await app.inject({ url: `${base}${url}`, headers: as.get(who)! });
    return { status: response.statusCode, body: response.json<T>() };
  };
  const post = (who: string, url: string, payload: object) =>
    app.inject({ method: 'POST', url: `${base}${url}`, headers: as.get(who)!, payload });
  const document = async (title: string) =>
    (
      await get<{ points: Point[]; version: number }>(
        'observer',
        `/documents/${encodeURIComponent(title)}`,
      )
    ).body;

  it('keeps the three rounds of 2025, their outcomes linked to the agreements they produced, once', async () => {
    const { body: rounds } = await get<
      Array<{
        date: string;
        venue: string;
        outcomes: Array<{ text: string; agreement: { name: string } | null }>;
      }>
    >('observer', '/rounds');
    expect(rounds.map((r) => [r.date, r.venue])).toEqual([
      ['2025-05-16', 'Dolmabahçe Palace, Istanbul'],
      ['2025-06-02', 'Çırağan Palace, Istanbul'],
      ['2025-07-23', 'Çırağan Palace, Istanbul'],
    ]);
    expect(rounds[1]?.outcomes[0]?.agreement?.name).toBe('Istanbul, 2 June 2025');
    expect(rounds[0]?.outcomes[0]?.agreement).toBeNull(); // the 16 May agreement is not in this mechanism
    expect((await loadTalksDemo(services, SYSTEM_ACTOR, mechanism)).created).toBe(false);
    expect((await get<unknown[]>('observer', '/rounds')).body).toHaveLength(3);
  });

  it('shows in the gap view exactly the points where the parties differ', async () => {
    const { body: gap } = await get<Gap>('RU', '/gap');
    const labels = Object.fromEntries(
      gap.documents.map((d) => [d.title, d.points.map((p) => p.label)]),
    );
    // UA proposes all eight points; RU accepted none outright.
    expect(labels[UA_MEMO]).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    // 6,000 bodies was agreed on 2 June, so point 4.2 is no gap.
    expect(labels[RU_MEMO]).not.toContain('4.2');
    expect(labels[RU_MEMO]).toContain('1');
    const first = (await document(UA_MEMO)).points[0]!;
    expect(Object.fromEntries(first.positions.map((p) => [p.party, p.stance]))).toEqual({
      UA: 'proposes',
      RU: 'accepts_with_conditions',
    });
  });

  it("lets a party officer record its own party's position only, and closes a gap when both agree", async () => {
    const point = (await document(RU_MEMO)).points.find((p) => p.label === '4.1')!;
    const position = {
      pointId: point.id,
      stance: 'accepts',
      statedOn: '2025-07-23',
      source: 'round of 23 July 2025',
    };
    const refused = await post('RU', '/positions', { ...position, party: 'UA' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'ACCESS.FORBIDDEN' } });
    const conditional = await post('UA', '/positions', {
      ...position,
      party: 'UA',
      stance: 'accepts_with_conditions',
    });
    expect(conditional.json()).toMatchObject({
      error: {
        code: 'VALIDATION.INVALID_INPUT',
        message: 'conditions: say which, when a party accepts with conditions',
      },
    });
    expect((await post('UA', '/positions', { ...position, party: 'UA' })).statusCode).toBe(201);
    const gap = (await get<Gap>('UA', `/gap?document=${encodeURIComponent(RU_MEMO)}`)).body;
    expect(gap.documents[0]?.points.map((p) => p.label)).not.toContain('4.1');
    expect((await post('observer', '/positions', { ...position, party: 'UA' })).statusCode).toBe(
      403,
    );
  });

  it('versions a document: points kept word for word keep their positions, changed ones start silent', async () => {
    const before = await document(UA_MEMO);
    const tabled = await post('mediator', '/documents', {
      title: UA_MEMO,
      author: 'UA',
      kind: 'memorandum',
      tabledOn: '2025-07-23',
      points: [
        {
          label: '1',
          kind: 'ceasefire',
          text: before.points[0]!.text,
        },
        { label: '8', kind: 'sequence_step', text: "A leaders' meeting before the end of August" },
      ],
    });
    expect(tabled.json()).toMatchObject({ version: 2, points: 2 });
    const after = await document(UA_MEMO);
    expect(after.version).toBe(2);
    const stanceOf = (p: Point | undefined, party: string) =>
      p?.positions.find((x) => x.party === party)?.stance;
    expect(stanceOf(after.points[0], 'RU')).toBe('accepts_with_conditions');
    expect(stanceOf(after.points[1], 'RU')).toBe('silent');
    expect(stanceOf(after.points[1], 'UA')).toBe('proposes');
    const first = await get<{ version: number; points: Point[] }>(
      'observer',
      `/documents/${encodeURIComponent(UA_MEMO)}?version=1`,
    );
    expect(first.body.points).toHaveLength(8);
    const foreign = await post('mediator', '/documents', {
      title: UA_MEMO,
      author: 'RU',
      kind: 'memorandum',
      tabledOn: '2025-07-23',
      points: [{ label: '1', kind: 'territory', text: 'x' }],
    });
    expect(foreign.json()).toMatchObject({ error: { code: 'TALKS.NAME_TAKEN' } });
  });

  it("keeps each party's notes to its own officers, in the database too", async () => {
    const added = await post('UA', '/notes', {
      subject: 'RU memo 2.3',
      text: 'Red line: no limits on foreign aid.',
    });
    expect(added.statusCode).toBe(201);
    expect((await get<Array<{ text: string }>>('UA', '/notes')).body.map((n) => n.text)).toEqual([
      'Red line: no limits on foreign aid.',
    ]);
    expect((await get<unknown[]>('RU', '/notes')).body).toEqual([]);
    expect((await get('RU', '/notes?party=UA')).status).toBe(403);
    expect((await get('mediator', '/notes?party=UA')).status).toBe(403);
    // Row security holds even if the service forgot to ask: RU's scope sees no UA note.
    const ruActor = {
      ...SYSTEM_ACTOR,
      id: 'test:ru',
      isSystem: false,
      isAdmin: false,
      grants: [{ mechanismId: mechanism, role: 'party_officer' as const, party: 'RU' }],
    };
    const { withScope } = await import('../../platform/db/scope.ts');
    const { rowScope } = await import('../access/index.ts');
    const seen = await withScope(db(), rowScope(ruActor), (scoped) =>
      scoped
        .selectFrom('talks_note')
        .select('text')
        .where('mechanism_id', '=', mechanism)
        .execute(),
    );
    expect(seen).toEqual([]);
  });

  it('moves a ceasefire regime along its statuses, and refuses a step back', async () => {
    const { body: regimes } = await get<
      Array<{ id: string; name: string; status: string; preconditions: Array<{ label: string }> }>
    >('observer', '/ceasefires');
    const russian = regimes.find((r) => r.name.startsWith('30-day'))!;
    expect(russian.preconditions.map((p) => p.label)).toEqual(['1', '2']);
    const truce = regimes.find((r) => r.name.startsWith('Local truces'))!;
    for (const to of ['agreed', 'in_force'])
      expect(
        (
          await post('mediator', `/ceasefires/${truce.id}/status`, {
            to,
            at: '2025-07-25T06:00:00Z',
          })
        ).statusCode,
      ).toBe(200);
    const back = await post('mediator', `/ceasefires/${truce.id}/status`, { to: 'agreed' });
    expect(back.json()).toMatchObject({
      error: {
        code: 'TALKS.STATUS_TRANSITION',
        message: `${truce.name}: the regime is in_force: next it can be expired or broken, not agreed`,
      },
    });
    expect((await post('UA', `/ceasefires/${truce.id}/status`, { to: 'broken' })).statusCode).toBe(
      403,
    );
  });

  it('puts the rounds, the agreement they produced and the proposed regimes on one timeline', async () => {
    const { body } = await get<Array<{ at: string; kind: string; title: string }>>(
      'observer',
      '/timeline?to=2025-06-30',
    );
    expect(body.map((e) => [e.at.slice(0, 10), e.kind])).toEqual([
      ['2025-05-16', 'round'],
      ['2025-06-02', 'round'],
      ['2025-06-02', 'agreement'],
      ['2025-06-02', 'ceasefire'],
      ['2025-06-02', 'ceasefire'],
      ['2025-06-02', 'ceasefire'],
    ]);
  });

  it('records every write, and every read of private notes, in the audit log', async () => {
    const actions = await db()
      .selectFrom('audit_entry')
      .select('action')
      .distinct()
      .where('mechanism_id', '=', mechanism)
      .where('action', 'like', 'talks.%')
      .orderBy('action')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'talks.ceasefire.propose',
      'talks.ceasefire.status',
      'talks.document.table',
      'talks.note.add',
      'talks.note.read',
      'talks.position',
      'talks.round.add',
      'talks.translation',
    ]);
  });
});
