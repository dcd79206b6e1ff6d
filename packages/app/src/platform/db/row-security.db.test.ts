import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { rowScope, SYSTEM_ACTOR, type Grant } from '../../modules/access/index.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import type { Database } from './kysely.ts';
import { scopedRead, withScope } from './scope.ts';

const FILE = csvOf([
  ['record_id', 'surname', 'health_status'],
  ['L-1', 'Бондар', 'seriously_wounded'],
  ['L-2', 'Гук', 'sick'],
]);

describeEachDatabase('row-level security', (db, _kind, opened) => {
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

  let stageId: string;
  beforeAll(async () => {
    const { registry } = buildTestServices(db());
    mechanismId = (await buildMechanism(db())).id;
    // A stage and its manifest, written as the owner: what the exchange's use cases would write.
    stageId = await opened().asOwner(async (owner) => {
      const { rows } = await sql<{ id: string }>`insert into stage
        (mechanism_id, agreement_id, agreement_version_id, formula, number, place, date, status, created_by)
        values (${mechanismId}, gen_random_uuid(), gen_random_uuid(), '{}', 1, 'Istanbul', '2025-06-09', 'approved', 'test')
        returning id`.execute(owner);
      const id = rows[0]?.id ?? '';
      await sql`insert into manifest (mechanism_id, stage_id, kind, document, hash, required_signers, created_by)
        values (${mechanismId}, ${id}, 'parley-manifest/1', '{"persons":[{"surname":"Бондар"}]}', ${`hash-${id}`}, '[]', 'test')`.execute(
        owner,
      );
      return id;
    });
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
    // Versions (file names, import warnings that quote the file), stages and manifests too (0013).
    for (const table of ['list_version', 'stage', 'manifest']) {
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)}`.execute(db());
      expect([table, Number(rows[0]?.n)]).toEqual([table, 0]);
    }
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

  it('holds in a read of one message as in a transaction, and the scope ends with the read', async () => {
    const lines = () =>
      db()
        .selectFrom('list_line')
        .select('party_code')
        .where('mechanism_id', '=', mechanismId)
        .orderBy('party_code');
    const officer = principal([{ mechanismId, role: 'party_officer', party: 'UA' }]);
    const mediator = principal([{ mechanismId, role: 'mediator', party: null }]);
    for (let twice = 0; twice < 2; twice++) {
      expect((await scopedRead(db(), rowScope(officer), lines())).map((r) => r.party_code)).toEqual(
        ['UA', 'UA'],
      );
      expect(
        (await scopedRead(db(), rowScope(mediator), lines())).map((r) => r.party_code),
      ).toEqual(['RU', 'RU', 'UA', 'UA']);
      expect(await lines().execute()).toEqual([]);
    }
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
    const version = await withScope(db(), { system: 'on' }, (system) =>
      system.selectFrom('list_version').select('id').limit(1).executeTakeFirstOrThrow(),
    );
    const forged = sql`insert into list_line (version_id, mechanism_id, party_code, line_number, record_id)
      values (${version.id}, ${mechanismId}, 'RU', 99, 'forged')`;
    await expect(withScope(db(), rowScope(officer), (s) => forged.execute(s))).rejects.toThrow(
      /row-level security/,
    );
  });

  const versionsSeen = async (grants: Grant[]) =>
    withScope(db(), rowScope(principal(grants)), async (scoped) =>
      (
        await scoped
          .selectFrom('list_version as v')
          .innerJoin('person_list as l', 'l.id', 'v.list_id')
          .select('l.party_code')
          .where('l.mechanism_id', '=', mechanismId)
          .execute()
      )
        .map((row) => row.party_code)
        .sort(),
    );

  it("shows a list's versions to whoever may list them: both sides to an observer, its own to a party", async () => {
    expect(await versionsSeen([{ mechanismId, role: 'observer', party: null }])).toEqual([
      'RU',
      'UA',
    ]);
    expect(await versionsSeen([{ mechanismId, role: 'party_officer', party: 'UA' }])).toEqual([
      'UA',
    ]);
    const elsewhere = (await buildMechanism(db())).id;
    expect(await versionsSeen([{ mechanismId: elsewhere, role: 'mediator', party: null }])).toEqual(
      [],
    );
  });

  it("refuses a party officer's version of the other party's list", async () => {
    const officer = principal([{ mechanismId, role: 'party_officer', party: 'UA' }]);
    const forged = sql`insert into list_version (list_id, number, created_by, source_name, source_sha256, line_count, flagged_line_count, warnings)
      select id, 99, 'forger', 'x.csv', 'x', 0, 0, '[]' from person_list where mechanism_id = ${mechanismId} and party_code = 'RU'`;
    await expect(withScope(db(), rowScope(officer), (s) => forged.execute(s))).rejects.toThrow(
      /row-level security/,
    );
  });

  it('shows stages to the roles of the mechanism, and manifests only to those of the exchange', async () => {
    const seen = (grants: Grant[]) =>
      withScope(db(), rowScope(principal(grants)), async (scoped) => ({
        stages: (await scoped.selectFrom('stage').select('id').where('id', '=', stageId).execute())
          .length,
        manifests: (
          await scoped.selectFrom('manifest').select('id').where('stage_id', '=', stageId).execute()
        ).length,
      }));
    expect(await seen([{ mechanismId, role: 'party_officer', party: 'RU' }])).toEqual({
      stages: 1,
      manifests: 1,
    });
    expect(await seen([{ mechanismId, role: 'observer', party: null }])).toEqual({
      stages: 1,
      manifests: 0,
    });
    const elsewhere = (await buildMechanism(db())).id;
    expect(await seen([{ mechanismId: elsewhere, role: 'mediator', party: null }])).toEqual({
      stages: 0,
      manifests: 0,
    });
  });

  it('is enabled and forced on every table with personal data, for a role that cannot bypass it', async () => {
    const { rows } = await sql<{
      table: string;
      enabled: boolean;
      forced: boolean;
      owned: boolean;
    }>`
      select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             pg_get_userbyid(c.relowner) = current_user as owned
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.relname = any (${[...PERSONAL_TABLES]})
      order by c.relname`.execute(db());
    expect(rows).toEqual(
      [...PERSONAL_TABLES]
        .sort()
        .map((table) => ({ table, enabled: true, forced: true, owned: false })),
    );
    const { rows: role } = await sql<{ name: string; bypass: boolean; superuser: boolean }>`
      select rolname as name, rolbypassrls as bypass, rolsuper as superuser
      from pg_roles where rolname = current_user`.execute(db());
    expect(role).toEqual([{ name: 'parley_app', bypass: false, superuser: false }]);
  });
});

// The tables that hold personal data, or say who is whom: each has its row policies.
const PERSONAL_TABLES = new Set([
  'list_line',
  'list_line_health',
  'list_version',
  'reconciliation_pair',
  'line_outcome',
  'review_decision',
  'eligibility_result',
  'exchange_person',
  'person_transition',
  'stage',
  'manifest',
  'talks_note',
]);
