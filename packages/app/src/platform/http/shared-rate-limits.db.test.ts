import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { buildTestServices } from '../../testing/factories.ts';
import { adminQuery, withDatabase } from '../../testing/postgres-admin.ts';
import { openDatabase, type OpenDatabase } from '../db/kysely.ts';

/** Two server instances on one PostgreSQL, as `parley serve` builds them there. */
describe.skipIf(!inject('postgresTemplate'))('rate limits across two instances [postgres]', () => {
  const url = process.env.PARLEY_TEST_DATABASE_URL ?? '';
  const name = `parley_test_${randomBytes(6).toString('hex')}`;
  const opened: OpenDatabase[] = [];

  beforeAll(async () => {
    await adminQuery(url, `create database ${name} template ${inject('postgresTemplate')}`);
    for (let i = 0; i < 2; i++)
      opened.push(await openDatabase({ kind: 'postgres', url: withDatabase(url, name) }));
  });
  afterAll(async () => {
    for (const database of opened) await database.close();
    await adminQuery(url, `drop database if exists ${name}`);
  });

  it('answers 429 past ten sign-in attempts a minute, wherever the proxy sent them', async () => {
    const apps = await Promise.all(
      opened.map((database) =>
        buildApp({
          services: buildTestServices(database.db),
          maxUploadBytes: 1024,
          sharedRateLimits: true,
        }),
      ),
    );
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const answer = await apps[i % 2]!.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'nobody', password: 'guess' },
      });
      codes.push(answer.statusCode);
    }
    expect(codes).toEqual([...Array<number>(10).fill(401), 429, 429]);
  });
});
