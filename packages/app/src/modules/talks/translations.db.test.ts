import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.ts';
import type { Services } from '../../services.ts';
import { buildMechanism } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { loadTalksDemo } from './talks-demo.ts';

interface Entry {
  source: string;
  language: string;
  translations: Record<string, string>;
  updatedBy: string;
}

const RATIFICATION = 'Ратификация';
const RU_MEMO = "Russia's memorandum, 2 June 2025";

describeEachDatabase('the translation memory of the talks', (db) => {
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
    as.set('observer', await tokenFor(services, { mechanism, role: 'observer' }));
    await loadTalksDemo(services, SYSTEM_ACTOR, mechanism);
  });

  const request = (method: 'GET' | 'PUT', who: string, url: string, payload?: object) =>
    app.inject({
      method,
      url: `${base}${url}`,
      headers: as.get(who)!,
      ...(payload ? { payload } : {}),
    });
  const memory = async (who = 'observer') => {
    const response = await request('GET', who, '/translations');
    expect(response.statusCode).toBe(200);
    return response.json<Entry[]>();
  };
  const entryOf = async (source: string) => (await memory()).find((e) => e.source === source);

  it("keeps each memorandum's points in its author's language, with the other two as translations", async () => {
    const memo = (
      await request('GET', 'observer', `/documents/${encodeURIComponent(RU_MEMO)}`)
    ).json<{ points: Array<{ label: string; text: string }> }>();
    const ratification = memo.points.find((p) => p.label === '4.7')!;
    // The record holds the words as Russia tabled them; the memory says so and translates them.
    expect(ratification.text).toBe(RATIFICATION);
    expect(await entryOf(RATIFICATION)).toMatchObject({
      language: 'ru',
      translations: { en: 'Ratification', uk: 'Ратифікація' },
    });
    const ukrainian = (
      await request(
        'GET',
        'observer',
        `/documents/${encodeURIComponent("Ukraine's memorandum, 2 June 2025")}`,
      )
    ).json<{
      points: Array<{
        label: string;
        text: string;
        positions: Array<{ party: string; conditions: string | null }>;
      }>;
    }>();
    const first = ukrainian.points.find((p) => p.label === '1')!;
    expect((await entryOf(first.text))?.language).toBe('uk');
    // Russia's conditions on Ukraine's point are Russia's words.
    const conditions = first.positions.find((p) => p.party === 'RU')!.conditions!;
    expect(await entryOf(conditions)).toMatchObject({
      language: 'ru',
      translations: {
        en: 'only after the preconditions of its own memorandum (option 1 or option 2)',
      },
    });
    // The rounds and the regimes are the mediator's record, in English.
    expect(await entryOf('Çırağan Palace, Istanbul')).toMatchObject({
      language: 'en',
      translations: { uk: 'Палац Чираган, Стамбул', ru: 'Дворец Чыраган, Стамбул' },
    });
    expect((await entryOf('the whole contact line'))?.translations.uk).toBe('уся лінія зіткнення');
  });

  it('lets the mediator add, change and remove a translation, and audits each change', async () => {
    const source = 'Exchange of 84 prisoners agreed';
    const put = (payload: object) =>
      request('PUT', 'mediator', '/translations', { source, ...payload });
    const added = await put({
      language: 'en',
      translations: { uk: 'Домовлено про обмін 84 полоненими' },
    });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toEqual({
      source,
      language: 'en',
      translations: { uk: 'Домовлено про обмін 84 полоненими' },
    });
    // A language left out keeps its translation; null removes one.
    await put({ language: 'en', translations: { ru: 'Договорились об обмене 84 пленными' } });
    expect((await entryOf(source))?.translations).toEqual({
      uk: 'Домовлено про обмін 84 полоненими',
      ru: 'Договорились об обмене 84 пленными',
    });
    await put({ language: 'en', translations: { uk: null } });
    expect((await entryOf(source))?.translations).toEqual({
      ru: 'Договорились об обмене 84 пленными',
    });
    const audited = await db()
      .selectFrom('audit_entry')
      .select(['action'])
      .where('mechanism_id', '=', mechanism)
      .where('action', '=', 'talks.translation')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a translation into the language the text is written in, and an unknown language', async () => {
    const same = await request('PUT', 'mediator', '/translations', {
      source: 'Amnesty',
      language: 'en',
      translations: { en: 'Amnesty!' },
    });
    expect(same.statusCode).toBe(400);
    expect(same.json<{ error: { message: string } }>().error.message).toMatch(
      /translations\.en: the text is written in en already/,
    );
    const unknown = await request('PUT', 'mediator', '/translations', {
      source: 'Amnesty',
      language: 'de',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { message: string } }>().error.message).toMatch(/language/);
  });

  it('lets every role of the mechanism read the memory and only the mediator change it', async () => {
    for (const who of ['UA', 'RU', 'observer']) {
      expect((await memory(who)).length).toBeGreaterThan(40);
      const response = await request('PUT', who, '/translations', {
        source: RATIFICATION,
        language: 'ru',
        translations: { uk: 'Схвалення' },
      });
      expect(response.statusCode).toBe(403);
    }
    expect((await entryOf(RATIFICATION))?.translations.uk).toBe('Ратифікація');
  });

  it('keeps one entry per text however long, across many changes', async () => {
    const source = `${'Довгий пункт меморандуму. '.repeat(400)}Кінець.`;
    for (const uk of ['перший', 'другий'])
      await request('PUT', 'mediator', '/translations', {
        source,
        language: 'uk',
        translations: { en: uk },
      });
    const entries = (await memory()).filter((e) => e.source === source);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.translations).toEqual({ en: 'другий' });
  });
});
