import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { withScope } from '../../../platform/db/scope.ts';
import type { Services } from '../../../services.ts';
import { buildMechanism } from '../../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../../testing/http.ts';
import { describeEachDatabase } from '../../../testing/test-database.ts';
import { insertStatusChanges } from '../inquiries.repository.ts';

interface FirstAnswer {
  inquiries: number;
  answered: number;
  medianDays: number | null;
  distribution: Array<{ upToDays: number | null; count: number }>;
}
interface Figures {
  counted: string;
  parties: Array<{
    party: string;
    series: Array<{ at: string; counts: Record<string, number> }>;
    firstAnswer: FirstAnswer;
  }>;
  total: {
    series: Array<{ at: string; counts: Record<string, number> }>;
    firstAnswer: FirstAnswer;
  };
}

describeEachDatabase('the figures of families’ inquiries', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  const as = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
    for (const party of ['UA', 'RU'])
      as.set(party, await tokenFor(services, { mechanism, role: 'party_officer', party }));
    as.set('mediator', await tokenFor(services, { mechanism, role: 'mediator' }));
    as.set('verifier', await tokenFor(services, { mechanism, role: 'neutral_verifier' }));
    const register = async (party: string, surname: string, mediator: boolean) =>
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/mechanisms/${mechanism}/inquiries`,
          headers: as.get(party)!,
          payload: {
            channel: 'phone',
            receivedOn: '2025-05-05',
            inquirer: { name: 'Мати', relation: 'mother', contact: 'Київ', language: 'uk' },
            sought: { surname },
            consent: { tracing: true, sharing: { mediator, icrc: !mediator, otherParty: false } },
          },
        })
      ).json<{ id: string }>().id;
    const a = await register('UA', 'Антоненко', true);
    const b = await register('UA', 'Богданенко', true);
    const c = await register('UA', 'Василенко', false);
    await register('RU', 'Иванов', true);
    await services.inquiryMatching.idle();
    await withScope(db(), { system: 'on' }, async (trx) => {
      await trx
        .updateTable('inquiry_status_event')
        .set({ at: new Date('2025-05-05T09:00:00Z') })
        .where('mechanism_id', '=', mechanism)
        .execute();
      const move = (id: string, from: string, to: string, at: string) => ({
        inquiryId: id,
        mechanismId: mechanism,
        party: 'UA',
        from: from as 'no_information',
        to: to as 'acknowledged',
        reason: null,
        onDate: null,
        actor: 'test',
        at: new Date(at),
      });
      await insertStatusChanges(trx, [
        move(a, 'no_information', 'acknowledged', '2025-05-12T10:00:00Z'),
        move(b, 'no_information', 'acknowledged', '2025-06-04T10:00:00Z'),
        move(c, 'no_information', 'acknowledged', '2025-05-08T10:00:00Z'),
      ]);
      await insertStatusChanges(trx, [
        move(b, 'acknowledged', 'handed_over', '2025-06-20T10:00:00Z'),
      ]);
    });
  });

  const figures = async (who: string, query = '') => {
    const response = await app.inject({
      url: `/api/v1/mechanisms/${mechanism}/inquiries/figures${query}`,
      headers: as.get(who)!,
    });
    return { status: response.statusCode, body: response.json<Figures>() };
  };
  const counts = (distribution: FirstAnswer['distribution']) => distribution.map((d) => d.count);

  it("gives a party's bureau its own inquiries by status over time and the days to the first answer", async () => {
    const { status, body } = await figures('UA');
    expect(status).toBe(200);
    expect(body.counted).toBe('all');
    expect(body.parties.map((p) => p.party)).toEqual(['UA']);
    const series = body.parties[0]!.series;
    expect(series[0]).toMatchObject({
      at: '2025-05-05T00:00:00.000Z',
      counts: { no_information: 2, acknowledged: 1 },
    });
    expect(series.at(-1)).toMatchObject({
      at: '2025-06-16T00:00:00.000Z',
      counts: { no_information: 0, acknowledged: 2, handed_over: 1 },
    });
    // Weeks without a move are there, carried forward.
    expect(series.map((p) => p.at.slice(0, 10))).toEqual([
      '2025-05-05',
      '2025-05-12',
      '2025-05-19',
      '2025-05-26',
      '2025-06-02',
      '2025-06-09',
      '2025-06-16',
    ]);
    expect(body.total.firstAnswer).toMatchObject({ inquiries: 3, answered: 3, medianDays: 7 });
    expect(counts(body.total.firstAnswer.distribution)).toEqual([2, 1, 0, 0, 0]);
  });

  it('gives the mediator every party’s inquiries shared with the mediator, per party and in all', async () => {
    const { body } = await figures('mediator');
    expect(body.counted).toBe('shared_with_mediator');
    expect(
      body.parties.map((p) => [p.party, p.firstAnswer.inquiries, p.firstAnswer.answered]),
    ).toEqual([
      ['RU', 1, 0],
      ['UA', 2, 2],
    ]);
    expect(body.parties[1]!.firstAnswer.medianDays).toBe(18.5);
    expect(body.total.firstAnswer).toMatchObject({ inquiries: 3, answered: 2 });
    const verifier = await figures('verifier');
    expect(verifier.body.total.firstAnswer).toMatchObject({
      inquiries: 1,
      answered: 1,
      medianDays: 3,
    });
  });

  it('refuses another party’s figures to a party’s bureau', async () => {
    expect((await figures('RU', '?party=UA')).status).toBe(403);
    expect((await figures('RU', '?unit=year')).status).toBe(400);
  });
});
