import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, csvOf } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';

interface Inquiry {
  id: string;
  number: number;
  status: string;
  inquirer: { name: string; contact: string } | null;
  history: Array<{ from: string | null; to: string; onDate: string | null; reason: string | null }>;
  matches: Array<{ id: string; status: string; target: { party: string; recordId: string } }>;
}

const HEADER = ['record_id', 'surname', 'given_name', 'patronymic', 'date_of_birth', 'unit'];
// RU's held list names the Ukrainian soldiers in Russian forms.
const RU_HELD = [
  ['RU-H-1', 'Коваленко', 'Алексей', 'Петрович', '1994-03-12', '72 ОМБр'],
  ['RU-H-2', 'Шевчук', 'Андрей', 'Николаевич', '1988-07-01', '93 ОМБр'],
  ['RU-H-3', 'Бондаренко', 'Сергей', 'Викторович', '1990-11-23', '24 ОМБр'],
  ['RU-H-4', 'Ткаченко', 'Дмитрий', 'Александрович', '1985-02-14', '47 ОМБр'],
  ['RU-H-5', 'Кравченко', 'Юрий', 'Иванович', '1999-05-30', '28 ОМБр'],
  ['RU-H-6', 'Олийнык', 'Василий', 'Степанович', '1979-09-09', '110 ОМБр'],
  ['RU-H-7', 'Мельник', 'Игорь', 'Богданович', '1993-12-03', '53 ОМБр'],
  ['RU-H-8', 'Лысенко', 'Максим', 'Олегович', '2001-01-17', '79 ОДШБр'],
];

const inquiry = (sought: Record<string, string>, inquirer: Record<string, string>) => ({
  channel: 'phone',
  receivedOn: '2025-05-20',
  inquirer: { language: 'uk', ...inquirer },
  sought,
  consent: { tracing: true, sharing: { mediator: true, icrc: true, otherParty: false } },
});

describeEachDatabase('families’ inquiries', (db, _kind, opened) => {
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
    as.set('observer', await tokenFor(services, { mechanism, role: 'observer' }));
  });

  const get = async <T>(who: string, url: string) => {
    const response = await app.inject({ url: `${base}${url}`, headers: as.get(who)! });
    return { status: response.statusCode, body: response.json<T>() };
  };
  const post = async <T>(who: string, url: string, payload: object) => {
    const response = await app.inject({
      method: 'POST',
      url: `${base}${url}`,
      headers: as.get(who)!,
      payload,
    });
    return { status: response.statusCode, body: response.json<T>() };
  };

  it('refuses an inquiry with a wrong date, naming the field and the value, and stores nothing', async () => {
    const bad = await post<{ error: { code: string; message: string } }>(
      'UA',
      '',
      inquiry(
        { surname: 'Петренко', dateOfBirth: '31.02.1990' },
        { name: 'Петренко Ганна', relation: 'mother', contact: '+380 67 000 00 00' },
      ),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('INQUIRY.INVALID');
    expect(bad.body.error.message).toContain('dateOfBirth: 1990-02 has no day 31 ("31.02.1990")');
    const listed = await get<{ total: number }>('UA', '');
    expect(listed.body.total).toBe(0);
  });

  it('answers a Ukrainian inquiry when the other side’s held list names him in Russian forms, then when he is handed over', async () => {
    const registered = await post<Inquiry>(
      'UA',
      '',
      inquiry(
        {
          surname: 'Коваленко',
          givenName: 'Олексій',
          patronymic: 'Петрович',
          dateOfBirth: '12.03.1994',
          unit: '72 ОМБр',
          lastKnownPlace: 'Вугледар',
          lastKnownDate: '2024-10',
          marks: 'шрам на лівій руці',
        },
        { name: 'Коваленко Марія', relation: 'mother', contact: '+380 50 123 45 67' },
      ),
    );
    expect(registered.status).toBe(201);
    expect(registered.body.status).toBe('no_information');

    await services.registry.importList(SYSTEM_ACTOR, {
      mechanism,
      party: 'RU',
      kind: 'held',
      acceptInvalid: false,
      file: buildFile('ru-held.csv', csvOf([HEADER, ...RU_HELD])),
    });
    await services.inquiryMatching.idle();

    const answered = await get<Inquiry>('UA', `/${registered.body.id}`);
    expect(answered.body.status).toBe('acknowledged');
    expect(answered.body.matches.map((m) => [m.target.recordId, m.status])).toEqual([
      ['RU-H-1', 'matched'],
    ]);
    expect(answered.body.inquirer).toMatchObject({ contact: '+380 50 123 45 67' });

    // He is handed over: his path (the exchange's own tables) says so, and the inquiry follows.
    const { id: agreement } = await services.agreements.create(SYSTEM_ACTOR, mechanism, {
      template: 'istanbul-2025-06-02',
    });
    const [version] = await services.registry.versions(SYSTEM_ACTOR, {
      mechanism,
      party: 'RU',
      kind: 'held',
    });
    await opened().asOwner(async (owner) => {
      const person = await owner
        .insertInto('exchange_person')
        .values({
          mechanism_id: mechanism,
          agreement_id: agreement,
          party_code: 'RU',
          receiving_party: 'UA',
          list_version_id: version!.id,
          record_id: 'RU-H-1',
          category: 'seriously_wounded',
          state: 'handed_over',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await owner
        .insertInto('person_transition')
        .values({
          person_id: person.id,
          mechanism_id: mechanism,
          party_code: 'RU',
          receiving_party: 'UA',
          from_state: 'in_transit',
          to_state: 'handed_over',
          actor: 'test',
          at: new Date('2025-06-10T09:00:00Z'),
        })
        .execute();
    });
    services.inquiryMatching.restateLater(mechanism);
    await services.inquiryMatching.idle();

    const handedOver = await get<Inquiry>('UA', `/${registered.body.id}`);
    expect(handedOver.body.status).toBe('handed_over');
    expect(handedOver.body.history.map((h) => [h.from, h.to, h.onDate])).toEqual([
      [null, 'no_information', null],
      ['no_information', 'acknowledged', null],
      ['acknowledged', 'handed_over', '2025-06-10'],
    ]);
  });

  it('matches a new inquiry at once; a match the mediator rejects stays rejected when lists change', async () => {
    const registered = await post<Inquiry>(
      'UA',
      '',
      inquiry(
        { surname: 'Шевчук', givenName: 'Андрій', dateOfBirth: '1988' },
        { name: 'Шевчук Олена', relation: 'wife', contact: 'Київ, вул. Хрещатик 1' },
      ),
    );
    expect(registered.body.status).toBe('acknowledged');
    const { body: found } = await get<Inquiry>('mediator', `/${registered.body.id}`);
    const [match] = found.matches;
    expect(match?.target.recordId).toBe('RU-H-2');

    const refused = await post('UA', `/matches/${match!.id}/decision`, { decision: 'rejected' });
    expect(refused.status).toBe(403);
    const decided = await post('mediator', `/matches/${match!.id}/decision`, {
      decision: 'rejected',
    });
    expect(decided.status).toBe(200);
    expect((await get<Inquiry>('UA', `/${registered.body.id}`)).body.status).toBe('no_information');

    // A new version of the held list: the open inquiries are matched again, the rejection holds.
    await services.registry.importList(SYSTEM_ACTOR, {
      mechanism,
      party: 'RU',
      kind: 'held',
      acceptInvalid: false,
      file: buildFile('ru-held-2.csv', csvOf([HEADER, ...RU_HELD.slice().reverse()])),
    });
    await services.inquiryMatching.idle();
    const after = await get<Inquiry>('UA', `/${registered.body.id}`);
    expect(after.body.status).toBe('no_information');
    expect(after.body.matches.map((m) => [m.target.recordId, m.status])).toEqual([
      ['RU-H-2', 'rejected'],
    ]);
    expect(after.body.history.map((h) => h.to)).toEqual([
      'no_information',
      'acknowledged',
      'no_information',
    ]);
  });

  it('finds that a mother and a wife ask about one man in different spellings, and the bureau decides', async () => {
    const ask = (sought: Record<string, string>, name: string, relation: string) =>
      post<Inquiry>('UA', '', inquiry(sought, { name, relation, contact: 'Одеса' }));
    const mother = await ask(
      {
        surname: 'Бондаренко',
        givenName: 'Сергій',
        patronymic: 'Вікторович',
        dateOfBirth: '1990-11-23',
      },
      'Бондаренко Ніна',
      'mother',
    );
    const wife = await ask(
      { surname: 'Бондаренко', givenName: 'Сергей', dateOfBirth: '23.11.1990', unit: '24 ОМБр' },
      'Бондаренко Ірина',
      'wife',
    );
    await services.inquiryMatching.idle();
    type WithSame = Inquiry & {
      samePerson: Array<{ id: string; inquiryId: string; status: string; number: string }>;
    };
    const seen = (await get<WithSame>('UA', `/${mother.body.id}`)).body;
    expect(seen.samePerson.map((p) => [p.inquiryId, p.number])).toEqual([
      [wife.body.id, `UA-${wife.body.number}`],
    ]);
    const pair = seen.samePerson[0]!;
    expect(['matched', 'proposed']).toContain(pair.status);
    // The mediator sees neither the inquirer nor which relatives asked.
    expect((await get<WithSame>('mediator', `/${mother.body.id}`)).body.samePerson).toEqual([]);
    expect(
      (
        await post('mediator', `/same-person/${pair.id}/decision`, {
          decision: 'rejected',
          reason: 'not him',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await post('UA', `/same-person/${pair.id}/decision`, {
          decision: 'rejected',
          reason: 'different fathers',
        })
      ).status,
    ).toBe(200);
    expect((await get<WithSame>('UA', `/${wife.body.id}`)).body.samePerson).toEqual([]);
    // Found again by a later search, a rejected pair stays rejected.
    await ask({ surname: 'Мельник', givenName: 'Ігор' }, 'Мельник Ольга', 'sister');
    await services.inquiryMatching.idle();
    expect((await get<WithSame>('UA', `/${wife.body.id}`)).body.samePerson).toEqual([]);
  });

  it('finds at once that a new inquiry is about the same man as one before, without searching all the party’s inquiries again', async () => {
    const phoned = (sought: Record<string, string>, name: string, relation: string) =>
      inquiry(sought, { name, relation, contact: 'Харків' });
    for (const [sought, name] of [
      [{ surname: 'Савченко', givenName: 'Олег', dateOfBirth: '1987-06-02' }, 'Савченко Лідія'],
      [{ surname: 'Руденко', givenName: 'Павло', dateOfBirth: '1995-09-14' }, 'Руденко Олена'],
    ] as const)
      expect((await post('UA', '', phoned(sought, name, 'mother'))).status).toBe(201);
    // The party's inquiries searched whole once, as after a bulk import.
    await services.inquiryMatching.idle();
    services.inquiryMatching.findSamePersonsLater(mechanism, 'UA');
    await services.inquiryMatching.idle();
    const searches = async () =>
      (
        await db()
          .selectFrom('audit_entry')
          .select(['object_ids', 'details'])
          .where('mechanism_id', '=', mechanism)
          .where('action', '=', 'inquiry.same-person')
          .orderBy('seq')
          .execute()
      ).map((row) => ({ ids: row.object_ids, inquiries: row.details['inquiries'] }));
    const before = await searches();

    type WithSame = Inquiry & { samePerson: Array<{ inquiryId: string; status: string }> };
    const mother = await post<Inquiry>(
      'UA',
      '',
      phoned(
        {
          surname: 'Гончаренко',
          givenName: 'Тарас',
          patronymic: 'Іванович',
          dateOfBirth: '1992-04-08',
        },
        'Гончаренко Віра',
        'mother',
      ),
    );
    const wife = await post<Inquiry>(
      'UA',
      '',
      phoned(
        {
          surname: 'Гончаренко',
          givenName: 'Тарас',
          patronymic: 'Иванович',
          dateOfBirth: '08.04.1992',
          unit: '58 ОМПБр',
        },
        'Гончаренко Ирина',
        'wife',
      ),
    );
    // Found by the time the wife's registration is answered: no background search awaited.
    const seen = (await get<WithSame>('UA', `/${wife.body.id}`)).body;
    expect(seen.samePerson.map((p) => p.inquiryId)).toEqual([mother.body.id]);
    expect(['matched', 'proposed']).toContain(seen.samePerson[0]!.status);
    // Each new inquiry was searched alone; the party's inquiries were not searched whole again.
    await services.inquiryMatching.idle();
    expect((await searches()).slice(before.length)).toEqual([
      { ids: [mother.body.id], inquiries: 1 },
      { ids: [wife.body.id], inquiries: 1 },
    ]);
  });

  it('builds the party’s next sought list from its open inquiries, shows the diff, then keeps it', async () => {
    const shared = await post<Inquiry>('UA', '', {
      ...inquiry(
        { surname: 'Ткаченко', givenName: 'Дмитро', dateOfBirth: '1985' },
        { name: 'Ткаченко Людмила', relation: 'mother', contact: 'Суми' },
      ),
      consent: { tracing: true, sharing: { mediator: true, icrc: true, otherParty: true } },
    });
    type Preview = {
      lines: number;
      from: { number: number } | null;
      added: string[];
      removed: string[];
      unchanged: number;
    };
    // Only the family that let its inquiry go to the other party is on the list.
    const preview = await get<Preview>('UA', '/sought-list');
    expect(preview.body).toMatchObject({
      lines: 1,
      from: null,
      added: [`INQ-${shared.body.number}`],
    });
    expect((await get('RU', '/sought-list?party=UA')).status).toBe(403);
    const kept = await post<{ version: { number: number; lineCount: number } }>(
      'UA',
      '/sought-list',
      {},
    );
    expect(kept.status).toBe(201);
    expect(kept.body.version).toMatchObject({ number: 1, lineCount: 1 });
    const again = await get<Preview>('UA', '/sought-list');
    expect(again.body).toMatchObject({ from: { number: 1 }, added: [], removed: [], unchanged: 1 });
  });

  it('keeps the inquirer from the mediator and the other party, and audits each read', async () => {
    const { body: page } = await get<{ inquiries: Inquiry[] }>('UA', '?limit=10');
    const first = page.inquiries[0]!;
    const mediator = await get<Inquiry>('mediator', `/${first.id}`);
    expect(mediator.status).toBe(200);
    expect(mediator.body.inquirer).toBeNull();
    expect((await get('RU', `/${first.id}`)).status).toBe(404);
    expect((await get('RU', '?party=UA')).status).toBe(403);
    expect((await get('observer', '')).status).toBe(403);
    const reads = await opened().asOwner((owner) =>
      owner
        .selectFrom('audit_entry')
        .select(['action', 'actor'])
        .where('mechanism_id', '=', mechanism)
        .where('action', 'in', ['inquiry.inquirer.read', 'inquiry.read'])
        .execute(),
    );
    const count = (action: string) => reads.filter((r) => r.action === action).length;
    expect(count('inquiry.inquirer.read')).toBeGreaterThanOrEqual(1);
    // The UA list above, and the mediator's read of the inquiry without its inquirer.
    expect(count('inquiry.read')).toBeGreaterThanOrEqual(2);
  });

  it('closes an inquiry with its reason; a closed one cannot be closed again', async () => {
    const { body: page } = await get<{ inquiries: Inquiry[] }>('UA', '?status=handed_over');
    const target = page.inquiries[0]!;
    const closed = await post('UA', `/${target.id}/close`, { reason: 'answered' });
    expect(closed.status).toBe(200);
    const again = await post<{ error: { code: string } }>('UA', `/${target.id}/close`, {
      reason: 'answered',
    });
    expect(again.body.error.code).toBe('INQUIRY.CLOSED');
    const after = await get<Inquiry>('UA', `/${target.id}`);
    expect(after.body.history.at(-1)).toMatchObject({ to: 'closed', reason: 'answered' });
  });
});
