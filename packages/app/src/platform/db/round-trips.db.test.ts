import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { plannedEachTime, withScope } from './scope.ts';

// round-trips.ts holds `begin` back and prepares statements on PostgreSQL; what the queries
// answer, and what a transaction undoes, must stay the same.
describeEachDatabase('fewer round trips', (db) => {
  const probe = sql<{
    value: string | null;
  }>`select current_setting('parley.probe', true) as value`;

  it('rolls back a transaction whose first statement has no parameters', async () => {
    const seen = await db()
      .connection()
      .execute(async (connection) => {
        await expect(
          connection.transaction().execute(async (trx) => {
            await sql`select set_config('parley.probe', 'inside', false)`.execute(trx);
            expect((await probe.execute(trx)).rows[0]?.value).toBe('inside');
            throw new Error('undo');
          }),
        ).rejects.toThrow('undo');
        return (await probe.execute(connection)).rows[0]?.value ?? '';
      });
    expect(seen).toBe('');
  });

  it('commits an empty transaction and one of parameters only', async () => {
    await db()
      .transaction()
      .execute(async () => undefined);
    const answer = await db()
      .transaction()
      .execute(
        async (trx) => (await sql<{ n: number }>`select ${41}::int + 1 as n`.execute(trx)).rows,
      );
    expect(answer).toEqual([{ n: 42 }]);
  });

  it('keeps the row scope inside withScope and nowhere else', async () => {
    const inside = await withScope(db(), { probe: '{a:b,c-d}' }, async (scoped) =>
      probe.execute(scoped),
    );
    expect(inside.rows[0]?.value).toBe('{a:b,c-d}');
    const quoted = await withScope(db(), { probe: "it's" }, async (scoped) =>
      probe.execute(scoped),
    );
    expect(quoted.rows[0]?.value).toBe("it's");
  });

  it('answers a statement asked again and again with each time its own values', async () => {
    for (let n = 0; n < 12; n++) {
      const { rows } = await sql<{
        n: number;
        t: string;
      }>`select ${n}::int * 2 as n, ${`v${n}`}::text as t`.execute(db());
      expect(rows).toEqual([{ n: n * 2, t: `v${n}` }]);
    }
  });

  it('never prepares a statement planned each time, so that each plan sees its values', async () => {
    const prepared = await db()
      .connection()
      .execute(async (connection) => {
        for (let n = 0; n < 7; n++) {
          const rows = await plannedEachTime(
            connection,
            connection.selectNoFrom(sql<number>`${n}::int`.as('planned_probe')),
          );
          expect(rows).toEqual([{ planned_probe: n }]);
        }
        const { rows } = await sql<{ statements: number }>`
          select count(*)::int as statements from pg_prepared_statements
          where statement like '%planned_probe%' and statement not like '%pg_prepared%'`.execute(
          connection,
        );
        return rows[0]?.statements;
      });
    expect(prepared).toBe(0);
  });
});
