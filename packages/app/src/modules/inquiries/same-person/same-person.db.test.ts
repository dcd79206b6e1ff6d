import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { withScope } from '../../../platform/db/scope.ts';
import type { Services } from '../../../services.ts';
import { buildMechanism } from '../../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../../testing/http.ts';
import { describeEachDatabase } from '../../../testing/test-database.ts';

interface Side {
  id: string;
  number: string;
  sought: { surname: string; givenName: string; dateOfBirth: string | null } | null;
}
interface Pair {
  id: string;
  status: string;
  reason: string | null;
  decidedBy: string | null;
  inquiry: Side;
  other: Side;
}
interface Shown extends Pair {
  readsInquirer: boolean;
  inquirers: { inquiry: { name: string } | null; other: { name: string } | null };
  explanation: Array<{ field: string; code: string; weight: number }>;
}

const inquiry = (sought: Record<string, string>, name: string, relation: string) => ({
  channel: 'phone',
  receivedOn: '2025-05-20',
  inquirer: { name, relation, contact: 'Одеса, вул. Садова 3', language: 'uk' },
  sought,
  consent: { tracing: true, sharing: { mediator: true, icrc: false, otherParty: false } },
});

describeEachDatabase('the bureau’s review of possible same-person pairs', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  let base: string;
  let pairId: string;
  let ids: [string, string];
  const as = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
    base = `/api/v1/mechanisms/${mechanism}/inquiries`;
    for (const party of ['UA', 'RU'])
      as.set(party, await tokenFor(services, { mechanism, role: 'party_officer', party }));
    as.set('mediator', await tokenFor(services, { mechanism, role: 'mediator' }));
    const register = async (body: object) =>
      (
        await app.inject({ method: 'POST', url: base, headers: as.get('UA')!, payload: body })
      ).json<{ id: string }>().id;
    const mother = await register(
      inquiry(
        {
          surname: 'Бондаренко',
          givenName: 'Сергій',
          patronymic: 'Вікторович',
          dateOfBirth: '1990-11-23',
        },
        'Бондаренко Ніна',
        'mother',
      ),
    );
    const wife = await register(
      inquiry(
        { surname: 'Бондаренко', givenName: 'Сергей', dateOfBirth: '1990-11-25', unit: '24 ОМБр' },
        'Бондаренко Ірина',
        'wife',
      ),
    );
    await services.inquiryMatching.idle();
    // Whatever the engine made of them, the pair is one it was unsure of.
    ids = [mother, wife].sort() as [string, string];
    pairId = await withScope(db(), { system: 'on' }, async (trx) => {
      await trx
        .insertInto('inquiry_same_person')
        .values({
          mechanism_id: mechanism,
          party_code: 'UA',
          inquiry_id: ids[0],
          other_id: ids[1],
          probability: 0.71,
          status: 'proposed',
          found_at: new Date(),
        })
        .onConflict((oc) =>
          oc
            .constraint('inquiry_same_person_pair')
            .doUpdateSet({ status: 'proposed', probability: 0.71 }),
        )
        .execute();
      const row = await trx
        .selectFrom('inquiry_same_person')
        .select('id')
        .where('inquiry_id', '=', ids[0])
        .where('other_id', '=', ids[1])
        .executeTakeFirstOrThrow();
      return row.id;
    });
  });

  const call = async <T>(who: string, url: string, payload?: object) => {
    const response = await app.inject({
      method: payload ? 'POST' : 'GET',
      url: `${base}/same-person${url}`,
      headers: as.get(who)!,
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.json<T>() };
  };
  const auditOf = (action: string) =>
    db()
      .selectFrom('audit_entry')
      .select(['object_ids', 'details'])
      .where('mechanism_id', '=', mechanism)
      .where('action', '=', action)
      .orderBy('seq', 'desc')
      .executeTakeFirst();

  it('queues the pair for the party’s bureau with both sought persons, no inquirer', async () => {
    const queue = await call<{ total: number; pairs: Pair[] }>('UA', '');
    expect(queue.status).toBe(200);
    expect(queue.body.total).toBe(1);
    const [pair] = queue.body.pairs;
    expect(pair!.id).toBe(pairId);
    expect([pair!.inquiry.sought?.givenName, pair!.other.sought?.givenName].sort()).toEqual([
      'Сергей',
      'Сергій',
    ]);
    expect(JSON.stringify(queue.body)).not.toContain('Ніна');
    expect((await call('mediator', '')).status).toBe(403);
    expect((await call<{ total: number }>('RU', '')).body.total).toBe(0);
  });

  it('shows the pair side by side with the engine’s explanation and the inquirers, that read audited', async () => {
    const shown = await call<Shown>('UA', `/${pairId}`);
    expect(shown.status).toBe(200);
    expect(shown.body.readsInquirer).toBe(true);
    expect([shown.body.inquirers.inquiry?.name, shown.body.inquirers.other?.name].sort()).toEqual([
      'Бондаренко Ірина',
      'Бондаренко Ніна',
    ]);
    const byField = Object.fromEntries(shown.body.explanation.map((c) => [c.field, c.code]));
    expect(byField).toMatchObject({ surname: 'same', patronymic: 'missing', unit: 'missing' });
    expect(byField['date_of_birth']).not.toBe('exact');
    const read = await auditOf('inquiry.inquirer.read');
    expect([...read!.object_ids].sort()).toEqual(ids);
    expect(read!.details).toMatchObject({ samePersonPair: pairId });
    // Another party's bureau is not told that the pair exists.
    expect((await call('RU', `/${pairId}`)).status).toBe(404);
    expect((await call('mediator', `/${pairId}`)).status).toBe(403);
  });

  it('will not keep them apart without a reason; merges them once, and says so when asked again', async () => {
    const bare = await call<{ error: { code: string; message: string } }>(
      'UA',
      `/${pairId}/decision`,
      {
        decision: 'rejected',
      },
    );
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toContain(
      'reason: say why the two inquiries are not about the same person',
    );
    expect(
      (await call('RU', `/${pairId}/decision`, { decision: 'confirmed', reason: null })).status,
    ).toBe(404);
    const merged = await call<{ status: string }>('UA', `/${pairId}/decision`, {
      decision: 'confirmed',
      reason: 'the same unit and birthday, the day mistyped by the wife',
    });
    expect(merged.status).toBe(200);
    expect(merged.body.status).toBe('confirmed');
    const again = await call<{ error: { code: string } }>('UA', `/${pairId}/decision`, {
      decision: 'rejected',
      reason: 'changed my mind',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INQUIRY.PAIR_DECIDED');
    expect((await call<{ total: number }>('UA', '')).body.total).toBe(0);
    const decided = await call<{ pairs: Pair[] }>('UA', '?state=decided');
    expect(decided.body.pairs.map((p) => [p.id, p.status, p.reason])).toEqual([
      [pairId, 'confirmed', 'the same unit and birthday, the day mistyped by the wife'],
    ]);
    const audited = await auditOf('inquiry.same-person.decide');
    expect(audited!.details).toMatchObject({
      decision: 'confirmed',
      was: 'proposed',
      pair: pairId,
    });
  });
});
