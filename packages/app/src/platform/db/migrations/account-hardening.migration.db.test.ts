import { Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../testing/test-database.ts';
import type { OpenDatabase } from '../kysely.ts';
import { migrations } from './index.ts';

describe('migration 0014, on a database that has tokens already', () => {
  let opened: OpenDatabase | undefined;
  afterAll(async () => {
    await opened?.close();
  });

  it('revokes every token made before it: each was made by an admin, acting as someone else', async () => {
    opened = await openTestDatabase('pglite');
    const database = opened;
    const migrateTo = (name: string) =>
      database.asOwner(async (owner) => {
        const migrator = new Migrator({
          db: owner,
          provider: { getMigrations: () => Promise.resolve(migrations) },
        });
        const result = await migrator.migrateTo(name);
        if (result.error) throw result.error as Error;
      });
    await migrateTo('0013-party-row-policies');
    await database.asOwner(async (owner) => {
      await sql`insert into mechanism (id, name) values ('11111111-1111-4111-8111-111111111111', 'm')`.execute(
        owner,
      );
      await sql`insert into app_user (id, username, display_name, password_hash)
        values ('22222222-2222-4222-8222-222222222222', 'olena', 'Olena', 'x')`.execute(owner);
      await sql`insert into api_token (token_hash, name, user_id, mechanism_id, role, expires_at)
        values ('h', 'made by an admin', '22222222-2222-4222-8222-222222222222',
                '11111111-1111-4111-8111-111111111111', 'mediator', now() + interval '30 days')`.execute(
        owner,
      );
    });
    await migrateTo('0014-account-hardening');
    const { rows } = await database.asOwner((owner) =>
      sql<{ revoked: boolean }>`select revoked_at is not null as revoked from api_token`.execute(
        owner,
      ),
    );
    expect(rows).toEqual([{ revoked: true }]);
  });
});
