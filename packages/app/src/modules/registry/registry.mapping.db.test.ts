import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildMechanism, csvOf } from '../../testing/factories.ts';
import { buildTestApp, multipartFile, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';

// A party's own spreadsheet, its header in Ukrainian rather than in the list format's words.
const OWN_HEADER_CSV = csvOf([
  ['Номер', 'Прізвище', "Ім'я", 'Дата народження', 'Примітка'],
  ['UA-1', 'Шевченко', 'Олександр', '1990-04-12', 'перший'],
  ['UA-2', 'Бондаренко', 'Іван', '1985', ''],
]);
const MAPPING = {
  Номер: 'record_id',
  Прізвище: 'surname',
  "Ім'я": 'given_name',
  'Дата народження': 'date_of_birth',
};

describeEachDatabase('list import with a column mapping', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;
  let officer: { authorization: string };

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db(), { maxUploadBytes: 64 * 1024 }));
    mechanism = (await buildMechanism(db())).id;
    officer = await tokenFor(services, { mechanism, role: 'party_officer', party: 'UA' });
  });

  const send = (
    path: 'versions' | 'versions/preview',
    csv: string,
    fields: Record<string, string> = {},
    auth: Record<string, string> = officer,
  ) => {
    const body = multipartFile('own.csv', csv, fields);
    return app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanism}/lists/UA/sought/${path}`,
      payload: body.payload,
      headers: { ...body.headers, ...auth },
    });
  };

  it('previews a file whose header is not the format: its columns, first lines and why it would be refused', async () => {
    const answer = await send('versions/preview', OWN_HEADER_CSV);
    expect(answer.statusCode, answer.body).toBe(200);
    const preview = answer.json<{
      columns: Array<{ label: string; column: string | null }>;
      sample: Array<{ line: number; cells: string[] }>;
      errors: Array<{ message: string }>;
    }>();
    expect(preview.columns.map((c) => c.column)).toEqual([null, null, null, null, null]);
    expect(preview.sample).toEqual([
      { line: 2, cells: ['UA-1', 'Шевченко', 'Олександр', '1990-04-12', 'перший'] },
      { line: 3, cells: ['UA-2', 'Бондаренко', 'Іван', '1985', ''] },
    ]);
    expect(preview.errors.map((e) => e.message)).toContain(
      'the required column record_id is missing',
    );
    // Nothing was stored.
    const versions = await app.inject({
      url: `/api/v1/mechanisms/${mechanism}/lists/UA/sought/versions`,
      headers: officer,
    });
    expect(versions.json()).toEqual({ items: [] });
  });

  it('reads the columns as mapped, in the preview and in the import', async () => {
    const preview = await send('versions/preview', OWN_HEADER_CSV, {
      columns: JSON.stringify(MAPPING),
    });
    expect(preview.json()).toMatchObject({
      columns: [
        { label: 'Номер', column: 'record_id' },
        { label: 'Прізвище', column: 'surname' },
        { label: "Ім'я", column: 'given_name' },
        { label: 'Дата народження', column: 'date_of_birth' },
        { label: 'Примітка', column: null },
      ],
      lineCount: 2,
      errors: [],
    });
    const imported = await send('versions', OWN_HEADER_CSV, { columns: JSON.stringify(MAPPING) });
    expect(imported.statusCode, imported.body).toBe(201);
    const lines = await app.inject({
      url: `/api/v1/mechanisms/${mechanism}/lists/UA/sought/versions/latest/lines`,
      headers: officer,
    });
    expect(lines.json()).toMatchObject({
      items: [
        {
          recordId: 'UA-1',
          surname: 'Шевченко',
          givenName: 'Олександр',
          dateOfBirth: '1990-04-12',
          extra: { Примітка: 'перший' },
        },
        { recordId: 'UA-2', surname: 'Бондаренко', dateOfBirth: '1985' },
      ],
    });
  });

  it('refuses a mapping to no list column, naming the file column and the value', async () => {
    const answer = await send('versions', OWN_HEADER_CSV, {
      columns: JSON.stringify({ ...MAPPING, Прізвище: 'family_name' }),
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json<{ error: { message: string } }>().error.message).toMatch(
      /^columns: "Прізвище" is mapped to "family_name", which is not a list column/,
    );
    const garbled = await send('versions/preview', OWN_HEADER_CSV, { columns: '{"Номер":' });
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json<{ error: { message: string } }>().error.message).toMatch(
      /^columns: not JSON/,
    );
  });

  it('names a file column mapped twice to one list column', async () => {
    const answer = await send('versions/preview', OWN_HEADER_CSV, {
      columns: JSON.stringify({ ...MAPPING, Примітка: 'surname' }),
    });
    expect(answer.json<{ errors: unknown[] }>().errors).toContainEqual(
      expect.objectContaining({
        column: 'Примітка',
        message: 'the column appears twice (also column 2)',
      }),
    );
  });

  it('previews only for those who may import the list', async () => {
    const ru = await tokenFor(services, { mechanism, role: 'party_officer', party: 'RU' });
    expect((await send('versions/preview', OWN_HEADER_CSV, {}, ru)).statusCode).toBe(403);
    const mediator = await tokenFor(services, { mechanism, role: 'mediator' });
    expect((await send('versions/preview', OWN_HEADER_CSV, {}, mediator)).statusCode).toBe(403);
  });
});
