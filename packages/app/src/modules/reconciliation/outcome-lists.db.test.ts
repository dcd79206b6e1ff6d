import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, csvOf } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { pdfTexts } from '../../testing/pdf-text.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import { generateSyntheticLists, type ListRecord } from '../demo/index.ts';
import { LIST_COLUMNS } from '../registry/index.ts';

const asCsv = (records: readonly ListRecord[]) =>
  csvOf([[...LIST_COLUMNS], ...records.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))]);

/**
 * Issue 16, item 6: the lists the parties exchange. The mediator releases to a party which of
 * its sought persons the other side acknowledged or not, and whom the other side holds
 * unrequested; the party's officers read and export them; nobody else does.
 */
describeEachDatabase('outcome lists', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  const headers = new Map<string, { authorization: string }>();
  const actors = new Map<string, Actor>();
  const as = (name: string) => actors.get(name)!;
  const get = (who: string, url: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/mechanisms/${mechanism}/outcome-lists${url}`,
      headers: headers.get(who)!,
    });
  const records = new Map<string, ListRecord>();

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
    const ua = generateSyntheticLists({ seed: 51, size: 40 });
    const ru = generateSyntheticLists({ seed: 52, size: 40 });
    for (const [party, kind, list] of [
      ['UA', 'sought', ua.sought],
      ['RU', 'held', ua.held],
      ['RU', 'sought', ru.sought],
      ['UA', 'held', ru.held],
    ] as const) {
      for (const r of list) records.set(`${party}/${kind}/${r.record_id}`, r);
      await services.registry.importList(SYSTEM_ACTOR, {
        mechanism,
        party,
        kind,
        acceptInvalid: true,
        file: buildFile(`${party}-${kind}.csv`, asCsv(list)),
      });
    }
    for (const [name, role, party] of [
      ['mediator', 'mediator', undefined],
      ['verifier', 'neutral_verifier', undefined],
      ['ua', 'party_officer', 'UA'],
      ['ru', 'party_officer', 'RU'],
    ] as const) {
      const header = await tokenFor(services, { mechanism, role, ...(party ? { party } : {}) });
      headers.set(name, header);
      actors.set(
        name,
        (await services.access.actorOfToken(header.authorization.slice('Bearer '.length)))!,
      );
    }
    await services.reconciliation.runNow(as('mediator'), mechanism);
  });

  /** The record ids the latest run gave an outcome, as the mediator reads them. */
  async function recordIdsWith(party: string, kind: 'sought' | 'held', outcome: string) {
    const page = await services.reconciliation.outcomes(as('mediator'), mechanism, {
      party,
      kind,
      outcome: outcome as 'acknowledged',
      offset: 0,
      limit: 1000,
    });
    return page.outcomes.map((o) => o.record_id).sort();
  }

  it('shows a party nothing before the mediator releases it, and lets only the mediator release', async () => {
    const before = await get('ua', '/UA');
    expect(before.statusCode).toBe(404);
    expect(before.json()).toMatchObject({
      error: { code: 'RECONCILIATION.NOT_RELEASED' },
    });
    const byParty = await app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism}/outcome-lists/releases`,
      headers: headers.get('ua')!,
      payload: { party: 'UA' },
    });
    expect(byParty.statusCode).toBe(403);
    const unknownParty = await app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism}/outcome-lists/releases`,
      headers: headers.get('mediator')!,
      payload: { party: 'PL' },
    });
    expect(unknownParty.statusCode).toBe(404);
    expect(unknownParty.json()).toMatchObject({
      error: {
        code: 'REGISTRY.PARTY_NOT_IN_MECHANISM',
        message: expect.stringMatching(/"PL" is not a party/) as string,
      },
    });
  });

  it("releases two lists to UA: UA's officer reads them by name, RU's officer cannot, and both acts are audited", async () => {
    const released = await app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism}/outcome-lists/releases`,
      headers: headers.get('mediator')!,
      payload: { party: 'ua', lists: ['not_acknowledged', 'unrequested'] },
    });
    expect(released.statusCode).toBe(201);
    expect(released.json()).toMatchObject({
      party: 'UA',
      lists: ['not_acknowledged', 'unrequested'],
    });

    const read = await get('ua', '/UA');
    expect(read.statusCode).toBe(200);
    const { lines } = read.json<{
      lines: Array<{ list: string; listParty: string; recordId: string; name: string | null }>;
    }>();
    const notAcknowledged = lines.filter((l) => l.list === 'not_acknowledged');
    const unrequested = lines.filter((l) => l.list === 'unrequested');
    // Not released: the acknowledged list stays with the mediator.
    expect(lines.filter((l) => l.list === 'acknowledged')).toEqual([]);
    expect(notAcknowledged.map((l) => l.recordId).sort()).toEqual(
      await recordIdsWith('UA', 'sought', 'not_acknowledged'),
    );
    expect(unrequested.map((l) => l.recordId).sort()).toEqual(
      await recordIdsWith('RU', 'held', 'unrequested'),
    );
    expect(notAcknowledged.length).toBeGreaterThan(0);
    expect(unrequested.length).toBeGreaterThan(0);
    // By name: UA's own sought lines, and the other side's held lines as released.
    for (const line of [notAcknowledged[0]!, unrequested[0]!]) {
      const record = records.get(
        `${line.listParty}/${line.list === 'unrequested' ? 'held' : 'sought'}/${line.recordId}`,
      )!;
      expect(line.name).toContain(record.surname);
    }
    expect(unrequested.every((l) => l.listParty === 'RU')).toBe(true);

    expect((await get('ru', '/UA')).statusCode).toBe(403);
    expect((await get('verifier', '/UA')).statusCode).toBe(403);
    expect((await get('ru', '/RU')).json()).toMatchObject({
      error: { code: 'RECONCILIATION.NOT_RELEASED' },
    });
    const ruReleases = await get('ru', '/releases');
    expect(ruReleases.json()).toEqual({ items: [] });
    expect((await get('mediator', '/UA')).statusCode).toBe(200);

    const events = await db()
      .selectFrom('audit_entry')
      .select(['action', 'actor', 'object_ids'])
      .where('mechanism_id', '=', mechanism)
      .where('action', 'in', ['reconciliation.release', 'reconciliation.outcomes.read'])
      .orderBy('seq')
      .execute();
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ['reconciliation.release', as('mediator').id],
      ['reconciliation.outcomes.read', as('ua').id],
      ['reconciliation.outcomes.read', as('mediator').id],
    ]);
    expect(events[1]!.object_ids).toContain(`RU/${unrequested[0]!.recordId}`);
  });

  it('exports the released lists as CSV and XLSX with headings in the language asked for', async () => {
    const csv = await get('ua', '/UA?format=csv&lang=uk');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(
      /outcome-lists-UA-\d{4}-\d{2}-\d{2}-uk\.csv/,
    );
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(rows[0]).toBe(
      'Список,Список сторони,Запис,Ім’я,Ім’я (латиницею),Дата народження,Звання,Особистий номер',
    );
    expect(rows.slice(1).some((r) => r.startsWith('Не визнано,UA,'))).toBe(true);
    expect(rows.slice(1).some((r) => r.startsWith('Не запитано,RU,'))).toBe(true);

    const xlsx = await get('ua', '/UA?format=xlsx&lang=ru');
    expect(xlsx.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Не признано', 'Не запрошено']);
    expect(workbook.worksheets[0]!.getRow(1).getCell(6).value).toBe('Дата рождения');
    expect(workbook.worksheets[0]!.rowCount).toBe(
      (await recordIdsWith('UA', 'sought', 'not_acknowledged')).length + 1,
    );
  });

  it('prints the released lists as PDF in the language asked for, every person by name', async () => {
    const pdf = await get('ua', '/UA?format=pdf&lang=uk');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(
      /outcome-lists-UA-\d{4}-\d{2}-\d{2}-uk\.pdf/,
    );
    const texts = pdfTexts(pdf.rawPayload);
    expect(texts).toContain('Списки результатів, передані стороні UA');
    expect(texts).toContain('Не визнано');
    expect(texts).toContain('Не запитано');
    const missing = await recordIdsWith('UA', 'sought', 'not_acknowledged');
    expect(texts).toContain(`Осіб: ${missing.length}`);
    for (const recordId of missing) expect(texts).toContain(recordId);
    expect(texts.some((t) => /^Сторінка 1 \/ \d+$/.test(t))).toBe(true);
    // In Russian, the headings are Russian.
    const inRussian = pdfTexts((await get('ua', '/UA?format=pdf&lang=ru')).rawPayload);
    expect(inRussian).toContain('Дата рождения');
  });
});
