import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../../services.ts';
import { buildMechanism } from '../../../testing/factories.ts';
import { buildTestApp, multipartFile, tokenFor } from '../../../testing/http.ts';
import { describeEachDatabase } from '../../../testing/test-database.ts';
import { SYSTEM_ACTOR } from '../../access/index.ts';

interface Overview {
  batches: Array<{
    id: string;
    label: string;
    state: string;
    bags: Array<{ id: string; label: string }>;
  }>;
  parity: { bodies: Record<string, number>; foreign: Record<string, number>; isBalanced: boolean };
}

describeEachDatabase('repatriation of remains', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let base: string;
  let mechanism: string;
  const as = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
    base = `/api/v1/mechanisms/${mechanism}/remains`;
    as.set('UA', await tokenFor(services, { mechanism, role: 'party_officer', party: 'UA' }));
    as.set('RU', await tokenFor(services, { mechanism, role: 'party_officer', party: 'RU' }));
    as.set('mediator', await tokenFor(services, { mechanism, role: 'mediator' }));
  });

  const post = (who: string, url: string, payload: object) =>
    app.inject({ method: 'POST', url: `${base}${url}`, headers: as.get(who)!, payload });
  const overview = async () =>
    (await app.inject({ url: base, headers: as.get('mediator')! })).json<Overview>();

  it('counts bodies at parity once transferred, and leaves out a bag of the sender’s own dead', async () => {
    const offer = (from: string, label: string, bodies: number[]) =>
      post(from, '', {
        from,
        label,
        bags: bodies.map((n, i) => ({ label: `${label}-${i + 1}`, bodies: n })),
      });
    const ru = (await offer('RU', 'RU-1', [1, 2, 1])).json<{ id: string; bodies: number }>();
    const ua = (await offer('UA', 'UA-1', [1, 1, 1, 1])).json<{ id: string }>();
    expect(ru.bodies).toBe(4);
    expect((await overview()).parity.bodies).toEqual({ 'UA->RU': 0, 'RU->UA': 0 });

    // The sender cannot accept its own batch; the receiver accepts, the sender transfers.
    const refused = await post('RU', `/${ru.id}/state`, { to: 'accepted' });
    expect(refused.json()).toMatchObject({ error: { code: 'ACCESS.FORBIDDEN' } });
    for (const [batch, sender, receiver] of [
      [ru.id, 'RU', 'UA'],
      [ua.id, 'UA', 'RU'],
    ] as const) {
      expect((await post(receiver, `/${batch}/state`, { to: 'accepted' })).statusCode).toBe(200);
      expect((await post(sender, `/${batch}/state`, { to: 'transferred' })).statusCode).toBe(200);
      expect((await post(receiver, `/${batch}/state`, { to: 'received' })).statusCode).toBe(200);
    }
    expect((await overview()).parity).toMatchObject({
      bodies: { 'UA->RU': 4, 'RU->UA': 4 },
      isBalanced: true,
    });

    // UA finds that one of RU's bags held a Russian serviceman: foreign, returned, not counted.
    const bag = (await overview()).batches.find((b) => b.id === ru.id)!.bags[1]!;
    const examined = await post('UA', `/bags/${bag.id}/examination`, {
      to: 'foreign',
      note: 'documents and uniform of the sending side',
    });
    expect(examined.statusCode).toBe(200);
    expect((await overview()).parity).toEqual({
      bodies: { 'UA->RU': 4, 'RU->UA': 2 },
      foreign: { 'UA->RU': 0, 'RU->UA': 2 },
      identified: { 'UA->RU': 0, 'RU->UA': 0 },
      isBalanced: false,
    });
    const again = await post('UA', `/bags/${bag.id}/examination`, { to: 'identified' });
    expect(again.json()).toMatchObject({ error: { code: 'EXCHANGE.MOVE_REFUSED' } });
  });

  it('puts the remains in the agreement’s report, as JSON and as the CSV file a clerk opens', async () => {
    const agreement = await services.agreements.create(SYSTEM_ACTOR, mechanism, {
      template: 'istanbul-2025-06-02',
    });
    const url = `/api/v1/mechanisms/${mechanism}/agreements/${agreement.id}/report`;
    const json = await app.inject({ url, headers: as.get('RU')! });
    expect(json.statusCode).toBe(200);
    const rows = json.json<{
      rows: Array<{ section: string; party: string; item: string; detail: string; count: number }>;
    }>().rows;
    const remains = (party: string, item: string, detail?: string) =>
      rows.find(
        (r) =>
          r.section === 'remains' &&
          r.party === party &&
          r.item === item &&
          (detail === undefined || r.detail === detail),
      )?.count;
    expect(remains('RU', 'bodies offered')).toBe(4);
    expect(remains('RU', 'bags by identification', 'foreign')).toBe(1);
    expect(remains('RU', 'corrections: bodies returned')).toBe(2);
    expect(remains('RU', 'bodies counted for parity')).toBe(2);
    expect(remains('UA', 'bodies counted for parity')).toBe(4);
    expect(remains('UA', 'batches', 'received')).toBe(1);

    const csv = await app.inject({ url: `${url}?format=csv`, headers: as.get('mediator')! });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain(
      'remains,RU,corrections: bodies returned,found to be the sender’s own dead,2',
    );
    const noStage = await app.inject({
      url: `/api/v1/mechanisms/${mechanism}/stages/00000000-0000-4000-8000-000000000000/report`,
      headers: as.get('mediator')!,
    });
    expect(noStage.json()).toMatchObject({
      error: {
        code: 'EXCHANGE.NOT_FOUND',
        message: 'no stage 00000000-0000-4000-8000-000000000000',
      },
    });
    const xlsx = await app.inject({ url: `${url}?format=xlsx`, headers: as.get('mediator')! });
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('offers a batch from a file of bags, CSV or XLSX, and refuses a wrong file whole, by line and column', async () => {
    const upload = (who: string, query: string, name: string, content: string | Buffer) => {
      const { payload, headers } = multipartFile(name, content);
      return app.inject({
        method: 'POST',
        url: `${base}/file?${query}`,
        headers: { ...as.get(who)!, ...headers },
        payload,
      });
    };
    const rows = Array.from({ length: 1200 }, (_, i) => `B-${i + 1};${1 + (i % 3)}`);
    const good = await upload(
      'UA',
      'from=UA&label=June%20transfer',
      'bags.csv',
      ['мішок;тіла', ...rows].join('\n'),
    );
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ bags: 1200, bodies: 2400 });
    const batch = (await overview()).batches.find((b) => b.label === 'June transfer');
    expect(batch?.bags).toHaveLength(1200);

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Bags');
    sheet.addRows([
      ['Label', 'Bodies'],
      ['X-1', 1],
      ['X-2', 3],
    ]);
    const fromXlsx = await upload(
      'UA',
      'from=UA&label=From%20a%20workbook',
      'bags.xlsx',
      Buffer.from(await book.xlsx.writeBuffer()),
    );
    expect(fromXlsx.json()).toMatchObject({ bags: 2, bodies: 4 });

    const before = (await overview()).batches.length;
    const bad = await upload(
      'UA',
      'from=UA&label=Wrong',
      'bags.csv',
      'label,bodies\nB-1,2\nB-2,0\nB-1,1\n,3\nB-5,two\n',
    );
    expect(bad.statusCode).toBe(422);
    type Refusal = { error: { code: string; message: string; details: unknown } };
    const error = bad.json<Refusal>().error;
    expect(error.code).toBe('REGISTRY.IMPORT_REJECTED');
    expect(error.message).toBe('bags.csv was not imported: 4 errors');
    expect(error.details).toMatchObject({
      errors: [
        { line: 3, column: 'bodies', value: '0' },
        { line: 4, column: 'label', message: 'the same label as line 2', value: 'B-1' },
        { line: 5, column: 'label', message: 'a bag needs a label' },
        { line: 6, column: 'bodies', value: 'two' },
      ],
    });
    const header = await upload('UA', 'from=UA&label=Wrong', 'bags.csv', 'label,count\nB-1,2\n');
    expect(header.json<Refusal>().error.details).toMatchObject({
      errors: [
        { line: 1, column: 'count', value: 'count' },
        { line: 1, column: null, message: 'the header has no column bodies' },
      ],
    });
    expect((await overview()).batches).toHaveLength(before);

    // The other side's officer offers no batch of UA's, whatever the file holds.
    const other = await upload('RU', 'from=UA&label=Not mine', 'bags.csv', 'label,bodies\n');
    expect(other.json<Refusal>().error.code).toBe('ACCESS.FORBIDDEN');
  });
});
