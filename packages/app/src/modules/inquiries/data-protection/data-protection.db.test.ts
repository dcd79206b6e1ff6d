import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { withScope } from '../../../platform/db/scope.ts';
import type { Services } from '../../../services.ts';
import { buildMechanism } from '../../../testing/factories.ts';
import { adminSession, buildTestApp, tokenFor } from '../../../testing/http.ts';
import { describeEachDatabase } from '../../../testing/test-database.ts';

interface Erasure {
  id: string;
  outcome: 'erased' | 'refused';
  refusal: string | null;
  message: string | null;
}
interface Shown {
  status: string;
  inquirer: { name: string } | null;
  legalHold: { reason: string } | null;
  erasures: Array<{ outcome: string; refusal: string | null; basis: string; requester: string }>;
}

const REQUEST = {
  scope: 'inquirer',
  requester: 'inquirer',
  requestedOn: '2026-11-30',
  basis: 'consent_withdrawn',
  basisNote: 'GDPR Art. 17(1)(b)',
};

describeEachDatabase('data protection of families’ inquiries', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  let base: string;
  const as = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
    base = `/api/v1/mechanisms/${mechanism}/inquiries`;
    for (const party of ['UA', 'RU'])
      as.set(party, await tokenFor(services, { mechanism, role: 'party_officer', party }));
    as.set('mediator', await tokenFor(services, { mechanism, role: 'mediator' }));
    as.set('admin', await adminSession(app, services));
  });

  const call = async <T>(who: string, method: string, url: string, payload?: object) => {
    const response = await app.inject({
      method: method as 'GET',
      url: url.startsWith('/api') ? url : `${base}${url}`,
      headers: as.get(who)!,
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.json<T>() };
  };
  const register = async (surname: string, inquirer: string, contact: string) =>
    (
      await call<{ id: string; number: number }>('UA', 'POST', '', {
        channel: 'phone',
        receivedOn: '2025-05-20',
        inquirer: { name: inquirer, relation: 'mother', contact, language: 'uk' },
        sought: { surname, givenName: 'Іван', dateOfBirth: '1990-01-01' },
        consent: { tracing: true, sharing: { mediator: true, icrc: false, otherParty: false } },
      })
    ).body;
  const auditText = async () =>
    JSON.stringify(
      await db()
        .selectFrom('audit_entry')
        .select(['action', 'object_ids', 'details'])
        .where('mechanism_id', '=', mechanism)
        .execute(),
    );
  const asSystem = <T>(work: Parameters<typeof withScope<T>>[2]) =>
    withScope(db(), { system: 'on' }, work);

  it('refuses erasure under a legal hold and while a same-person pair waits, saying why, and records the refusal', async () => {
    const a = await register('Гнатюк', 'Гнатюк Марія', '+380 67 111 22 33');
    const b = await register('Гнатюк', 'Гнатюк Ольга', 'Рівне');
    await services.inquiryMatching.idle();
    const held = await call('UA', 'PUT', `/${a.id}/legal-hold`, { reason: 'court case 12/2025' });
    expect(held.status).toBe(200);
    const refused = await call<Erasure>('UA', 'POST', `/${a.id}/erasure`, REQUEST);
    expect(refused.status).toBe(201);
    expect(refused.body).toMatchObject({
      outcome: 'refused',
      refusal: 'legal_hold',
      message: 'the inquiry is under a legal hold (court case 12/2025): lift the hold first',
    });
    expect((await call<Shown>('UA', 'GET', `/${a.id}`)).body.inquirer?.name).toBe('Гнатюк Марія');

    expect((await call('UA', 'DELETE', `/${a.id}/legal-hold`)).status).toBe(200);
    const [low, high] = [a.id, b.id].sort() as [string, string];
    await asSystem(async (trx) => {
      await trx.deleteFrom('inquiry_same_person').where('inquiry_id', '=', low).execute();
      await trx
        .insertInto('inquiry_same_person')
        .values({
          mechanism_id: mechanism,
          party_code: 'UA',
          inquiry_id: low,
          other_id: high,
          probability: 0.7,
          status: 'proposed',
          found_at: new Date(),
        })
        .execute();
    });
    const waiting = await call<Erasure>('UA', 'POST', `/${a.id}/erasure`, REQUEST);
    expect(waiting.body).toMatchObject({ outcome: 'refused', refusal: 'same_person_under_review' });
    const shown = (await call<Shown>('UA', 'GET', `/${a.id}`)).body;
    expect(shown.erasures.map((e) => [e.outcome, e.refusal])).toEqual([
      ['refused', 'legal_hold'],
      ['refused', 'same_person_under_review'],
    ]);
  });

  it("erases the inquirer's data on request: the inquiry is closed, letters refused, nothing of it in the audit log", async () => {
    const c = await register('Кравець', 'Кравець Тетяна', 'tetiana@example.org');
    await services.inquiryMatching.idle();
    expect((await call('mediator', 'POST', `/${c.id}/erasure`, REQUEST)).status).toBe(403);
    expect((await call('RU', 'POST', `/${c.id}/erasure`, REQUEST)).status).toBe(404);
    expect(
      (await call('UA', 'POST', `/${c.id}/erasure`, { ...REQUEST, basis: 'because' })).status,
    ).toBe(400);
    const erased = await call<Erasure>('UA', 'POST', `/${c.id}/erasure`, REQUEST);
    expect(erased.body).toMatchObject({ outcome: 'erased', refusal: null });
    const shown = (await call<Shown>('UA', 'GET', `/${c.id}`)).body;
    expect(shown.inquirer).toBeNull();
    expect(shown.status).toBe('closed');
    expect(shown.erasures).toEqual([
      expect.objectContaining({
        outcome: 'erased',
        basis: 'consent_withdrawn',
        requester: 'inquirer',
      }),
    ]);
    const letter = await call<{ error: { code: string } }>('UA', 'GET', `/${c.id}/letters/status`);
    expect([letter.status, letter.body.error.code]).toEqual([410, 'INQUIRY.INQUIRER_ERASED']);
    const log = await auditText();
    expect(log).toContain('inquiry.erase');
    expect(log).not.toContain('Кравець Тетяна');
    expect(log).not.toContain('tetiana@example.org');
  });

  it('erases a whole inquiry on request, the record of the request staying', async () => {
    const d = await register('Лисенко', 'Лисенко Ніна', 'Полтава');
    await services.inquiryMatching.idle();
    const erased = await call<Erasure>('UA', 'POST', `/${d.id}/erasure`, {
      ...REQUEST,
      scope: 'inquiry',
      requester: 'legal_representative',
      basis: 'no_longer_needed',
    });
    expect(erased.body.outcome).toBe('erased');
    expect((await call('UA', 'GET', `/${d.id}`)).status).toBe(404);
    const records = await call<{ erasures: Array<{ number: string; scope: string }> }>(
      'UA',
      'GET',
      '/erasures',
    );
    expect(records.body.erasures[0]).toMatchObject({ number: `UA-${d.number}`, scope: 'inquiry' });
    expect((await call('mediator', 'GET', '/erasures?party=UA')).status).toBe(403);
    expect(await auditText()).not.toContain('Лисенко Ніна');
  });

  it('lets the retention run delete inquiries closed longer than the period, not those under a hold', async () => {
    const e = await register('Мороз', 'Мороз Алла', 'Суми');
    const f = await register('Мороз', 'Мороз Віра', 'Суми');
    for (const id of [e.id, f.id])
      await call('UA', 'POST', `/${id}/close`, { reason: 'found_outside_parley' });
    await call('UA', 'PUT', `/${f.id}/legal-hold`, { reason: 'prosecutor’s request' });
    await asSystem((trx) =>
      trx
        .updateTable('inquiry')
        .set({ status_at: new Date(Date.now() - 3 * 365 * 86_400_000) })
        .where('id', 'in', [e.id, f.id])
        .execute(),
    );
    await call('admin', 'PUT', '/api/v1/retention/inquiries_closed', { days: 730 });
    type Row = { category: string; due: number | null; deletedRows: number | null };
    const report = await call<{ items: Row[] }>('admin', 'GET', '/api/v1/retention');
    expect(report.body.items.find((r) => r.category === 'inquiries_closed')?.due).toBe(1);
    expect((await call('UA', 'GET', `/${e.id}`)).status).toBe(200);
    const run = await call<{ items: Row[] }>('admin', 'POST', '/api/v1/retention/deletions', {
      confirm: true,
    });
    expect(run.body.items.find((r) => r.category === 'inquiries_closed')?.deletedRows).toBe(1);
    expect((await call('UA', 'GET', `/${e.id}`)).status).toBe(404);
    expect((await call('UA', 'GET', `/${f.id}`)).status).toBe(200);
  });

  it('audits every read of an inquirer as a list read is audited: who, when, which inquiry', async () => {
    const g = await register('Бойко', 'Бойко Зоя', 'Херсон');
    await services.inquiryMatching.idle();
    const lastRead = async () =>
      db()
        .selectFrom('audit_entry')
        .select(['action', 'object_ids', 'actor'])
        .where('mechanism_id', '=', mechanism)
        .where('action', 'in', ['inquiry.read', 'inquiry.inquirer.read', 'inquiry.letter'])
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
    expect((await call<Shown>('UA', 'GET', `/${g.id}`)).body.inquirer?.name).toBe('Бойко Зоя');
    expect(await lastRead()).toMatchObject({ action: 'inquiry.inquirer.read', object_ids: [g.id] });
    expect((await call<Shown>('mediator', 'GET', `/${g.id}`)).body.inquirer).toBeNull();
    expect(await lastRead()).toMatchObject({ action: 'inquiry.read', object_ids: [g.id] });
    const letter = await app.inject({
      url: `${base}/${g.id}/letters/received`,
      headers: as.get('UA')!,
    });
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(await lastRead()).toMatchObject({ action: 'inquiry.letter' });
    expect((await lastRead()).object_ids).toContain(g.id);
  });
});
