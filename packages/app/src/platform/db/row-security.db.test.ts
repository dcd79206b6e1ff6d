import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { rowScope, SYSTEM_ACTOR, type Grant } from '../../modules/access/index.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import type { Database } from './kysely.ts';
import { withScope } from './scope.ts';

const FILE = csvOf([
  ['record_id', 'surname', 'health_status'],
  ['L-1', 'Бондар', 'seriously_wounded'],
  ['L-2', 'Гук', 'sick'],
]);

describeEachDatabase('row-level security', (db) => {
  let mechanismId: string;
  const principal = (grants: Grant[]) => ({ isSystem: false, isAdmin: false, grants });
  const partyOf = async (scoped: Database, table: 'list_line' | 'list_line_health') =>
    (
      await scoped
        .selectFrom(table)
        .select('party_code')
        .where('mechanism_id', '=', mechanismId)
        .execute()
    )
      .map((row) => row.party_code)
      .sort();

  beforeAll(async () => {
    const { registry } = buildTestServices(db());
    mechanismId = (await buildMechanism(db())).id;
    for (const party of ['UA', 'RU']) {
      await registry.importList(SYSTEM_ACTOR, {
        mechanism: mechanismId,
        party,
        kind: 'held',
        acceptInvalid: false,
        file: buildFile('h.csv', FILE),
      });
    }
  });

  it('shows no personal data to a query without the session settings', async () => {
    expect(await partyOf(db(), 'list_line')).toEqual([]);
    expect(await partyOf(db(), 'list_line_health')).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from list_version`.execute(
      db(),
    );
    expect(Number(rows[0]?.n)).toBeGreaterThan(0); // versions carry no personal data and stay visible
  });

  it("keeps a party officer to its own party's lines, and out of health data", async () => {
    const officer = principal([{ mechanismId, role: 'party_officer', party: 'UA' }]);
    expect(await withScope(db(), rowScope(officer), (s) => partyOf(s, 'list_line'))).toEqual([
      'UA',
      'UA',
    ]);
    expect(await withScope(db(), rowScope(officer), (s) => partyOf(s, 'list_line_health'))).toEqual(
      [],
    );
  });

  it("lets a party's medical officer see its own health data only", async () => {
    const medic = principal([{ mechanismId, role: 'party_medical_officer', party: 'RU' }]);
    expect(await withScope(db(), rowScope(medic), (s) => partyOf(s, 'list_line_health'))).toEqual([
      'RU',
      'RU',
    ]);
  });

  it('lets the mediator see both sides, health included', async () => {
    const mediator = principal([{ mechanismId, role: 'mediator', party: null }]);
    expect(await withScope(db(), rowScope(mediator), (s) => partyOf(s, 'list_line'))).toEqual([
      'RU',
      'RU',
      'UA',
      'UA',
    ]);
    expect(
      await withScope(db(), rowScope(mediator), (s) => partyOf(s, 'list_line_health')),
    ).toEqual(['RU', 'RU', 'UA', 'UA']);
  });

  it('shows nothing of one mechanism to a role in another', async () => {
    const elsewhere = principal([
      { mechanismId: (await buildMechanism(db())).id, role: 'mediator', party: null },
    ]);
    expect(await withScope(db(), rowScope(elsewhere), (s) => partyOf(s, 'list_line'))).toEqual([]);
  });

  it("refuses a party officer's insert of lines into the other party's list", async () => {
    const officer = principal([{ mechanismId, role: 'party_officer', party: 'UA' }]);
    const version = await db()
      .selectFrom('list_version')
      .select('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const forged = sql`insert into list_line (version_id, mechanism_id, party_code, line_number, record_id)
      values (${version.id}, ${mechanismId}, 'RU', 99, 'forged')`;
    await expect(withScope(db(), rowScope(officer), (s) => forged.execute(s))).rejects.toThrow(
      /row-level security/,
    );
  });
});
