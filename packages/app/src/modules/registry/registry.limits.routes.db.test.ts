import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { LIST_FILE_LIMIT_DEFAULTS } from '../../platform/config.ts';
import type { Services } from '../../services.ts';
import { buildMechanism, buildTestServices } from '../../testing/factories.ts';
import { csvWithLongSurname, xlsxBomb } from '../../testing/hostile-files.ts';
import { multipartFile, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';

describeEachDatabase('hostile uploads over HTTP', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanismId: string;
  let officer: Record<string, string>;

  beforeAll(async () => {
    services = buildTestServices(db());
    app = await buildApp({
      services,
      maxUploadBytes: 4 * 1024 * 1024,
      listFileLimits: { ...LIST_FILE_LIMIT_DEFAULTS, maxLines: 3 },
    });
    mechanismId = (await buildMechanism(db())).id;
    officer = await tokenFor(services, {
      mechanism: mechanismId,
      role: 'party_officer',
      party: 'UA',
    });
  });

  const send = (path: 'versions' | 'versions/preview', name: string, content: Buffer) => {
    const body = multipartFile(name, content);
    return app.inject({
      method: 'POST',
      url: `/api/v1/mechanisms/${mechanismId}/lists/UA/sought/${path}`,
      payload: body.payload,
      headers: { ...body.headers, ...officer },
    });
  };
  const versions = async () =>
    (
      await app.inject({
        url: `/api/v1/mechanisms/${mechanismId}/lists/UA/sought/versions`,
        headers: officer,
      })
    ).json<{ items: unknown[] }>().items.length;

  it.each([
    ['import', 'versions'],
    ['preview', 'versions/preview'],
  ] as const)(
    'refuses to %s the compressed XLSX bomb with 422, naming line 2 and the surname column',
    async (_, path) => {
      const response = await send(path, 'bomb.xlsx', xlsxBomb({ cellChars: 20_000_000 }));
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({
        error: {
          code: 'REGISTRY.IMPORT_REJECTED',
          message: expect.stringContaining(
            'line 2, column surname: the cell is too long',
          ) as unknown,
          details: { errors: [{ line: 2, column: 'surname', severity: 'error' }] },
        },
      });
      expect(response.body.length).toBeLessThan(2_000);
      expect(await versions()).toBe(0);
    },
  );

  it.each([
    ['import', 'versions'],
    ['preview', 'versions/preview'],
  ] as const)(
    'refuses to %s a CSV with a 1-million-character surname, and stores nothing',
    async (_, path) => {
      const response = await send(path, 'long.csv', csvWithLongSurname(1_000_000));
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({
        error: {
          message: expect.stringContaining(
            'line 2, column surname: the cell is too long: 1,000,000 characters, more than the limit of 10,000',
          ) as unknown,
        },
      });
      expect(await versions()).toBe(0);
    },
  );

  it('refuses more lines than the configured limit, naming the first line over it', async () => {
    const csv = Buffer.from('record_id,surname\nS-1,A\nS-2,B\nS-3,C\nS-4,D\n');
    const response = await send('versions', 'four.csv', csv);
    expect(response.json()).toMatchObject({
      error: {
        code: 'REGISTRY.IMPORT_REJECTED',
        details: { errors: [{ line: 5, column: null }] },
      },
    });
    expect(response.json<{ error: { message: string } }>().error.message).toContain(
      'the file has more than 3 lines under its header (the limit is set by PARLEY_MAX_LIST_LINES)',
    );
    expect(await versions()).toBe(0);
  });
});
