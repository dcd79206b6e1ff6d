import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { withScope } from '../../platform/db/scope.ts';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { rowScope, SYSTEM_ACTOR, type Actor, type Role } from '../access/index.ts';
import type { Mechanism } from '../mechanisms/index.ts';
import { AGREEMENT_TEMPLATES } from './index.ts';

const HEADER = ['record_id', 'surname', 'date_of_birth', 'health_status', 'refuses_return'];

function actorFor(mechanism: Mechanism, role: Role, party: string | null = null): Actor {
  return {
    id: `test:${role}:${party ?? '-'}`,
    userId: null,
    isSystem: false,
    isAdmin: false,
    grants: [{ mechanismId: mechanism.id, role, party }],
  };
}

describeEachDatabase('agreements and eligibility', (db) => {
  let services: Services;
  let mechanism: Mechanism;
  let mediator: Actor;
  const june = AGREEMENT_TEMPLATES.find((t) => t.id === 'istanbul-2025-06-02');
  if (!june) throw new Error('no 2 June template');

  beforeAll(async () => {
    services = buildTestServices(db());
    mechanism = await buildMechanism(db());
    mediator = actorFor(mechanism, 'mediator');
    const lists = {
      UA: [
        ['UA-1', 'Іваненко', '2001-03-04', 'good', ''],
        ['UA-2', 'Петренко', '1980', 'seriously_wounded', ''],
        ['UA-3', 'Коваль', '1999', 'good', ''],
        ['UA-4', 'Бондар', '1990', 'seriously_sick', 'yes'],
      ],
      RU: [
        ['RU-1', 'Смирнов', '1970-01-01', 'good', ''],
        ['RU-2', 'Кузнецов', '', '', ''],
      ],
    };
    for (const [party, rows] of Object.entries(lists))
      await services.registry.importList(SYSTEM_ACTOR, {
        mechanism: mechanism.id,
        party,
        kind: 'held',
        acceptInvalid: false,
        file: buildFile(`${party}.csv`, csvOf([HEADER, ...rows])),
      });
  });

  it('creates an agreement from a template, reads it back, and versions revisions', async () => {
    const created = await services.agreements.create(mediator, mechanism.id, {
      template: 'istanbul-2025-05-16',
    });
    expect(created).toMatchObject({ name: 'Istanbul, 16 May 2025', status: 'agreed' });
    expect(created.versions.map((v) => v.number)).toEqual([1]);
    const revised = await services.agreements.revise(mediator, mechanism.id, created.name, {
      ...created.versions[0]!.definition,
      venue: 'Istanbul',
    });
    expect(revised.number).toBe(2);
    const again = await services.agreements.get(mediator, mechanism.id, created.id);
    expect(again.versions.map((v) => [v.number, v.id, v.definition.venue])).toEqual([
      [1, created.versions[0]!.id, 'Dolmabahçe Palace, Istanbul'],
      [2, revised.id, 'Istanbul'],
    ]);
    await expect(
      sql`update agreement_version set number = 9 where id = ${revised.id}`.execute(db()),
    ).rejects.toThrow(/immutable/);
    await expect(
      services.agreements.create(mediator, mechanism.id, { template: 'istanbul-2025-05-16' }),
    ).rejects.toMatchObject({ code: 'AGREEMENT.NAME_TAKEN' });
  });

  it('refuses a rule that does not compile, naming the category, line and column', async () => {
    const definition = {
      ...june.definition,
      name: 'broken',
      categories: [
        { id: 'young', name: 'Young', clause: '', rule: "person.sex == 'M' &&\n  person.age < 25" },
      ],
      formula: { kind: 'n_for_n' as const, n: 10 },
    };
    await expect(
      services.agreements.create(mediator, mechanism.id, { definition }),
    ).rejects.toMatchObject({
      code: 'AGREEMENT.RULE_INVALID',
      message: expect.stringMatching(
        /^the rule of category young does not compile: line 2, column 9: person has no field "age"/,
      ) as unknown,
    });
    await expect(
      services.agreements.create(mediator, mechanism.id, {
        definition: { ...definition, referenceDate: '2025-02-30' },
      }),
    ).rejects.toMatchObject({
      code: 'AGREEMENT.INVALID',
      message: 'referenceDate: "2025-02-30" is not a date in the form YYYY-MM-DD',
    });
  });

  it('moves the status only along the allowed transitions', async () => {
    const created = await services.agreements.create(mediator, mechanism.id, {
      template: 'dix-hill-1862',
      status: 'negotiating',
    });
    const agreed = await services.agreements.setStatus(
      mediator,
      mechanism.id,
      created.id,
      'agreed',
    );
    expect(agreed.status).toBe('agreed');
    await expect(
      services.agreements.setStatus(mediator, mechanism.id, created.id, 'completed'),
    ).rejects.toMatchObject({ code: 'AGREEMENT.STATUS_TRANSITION' });
  });

  it('lets only the mediator manage, and parties and observers read agreements', async () => {
    const officer = actorFor(mechanism, 'party_officer', 'UA');
    await expect(
      services.agreements.create(officer, mechanism.id, { template: 'dix-hill-1862' }),
    ).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN' });
    for (const reader of [officer, actorFor(mechanism, 'observer')])
      expect((await services.agreements.list(reader, mechanism.id)).length).toBeGreaterThan(0);
  });

  it('previews a draft without writing, then evaluates and keeps every line', async () => {
    const preview = await services.eligibility.preview(mediator, {
      mechanism: mechanism.id,
      definition: june.definition,
      sampleSize: 10,
      outcome: 'undetermined',
    });
    const ua = preview.lists.find((l) => l.party === 'UA');
    expect(ua?.outcomes).toEqual({ eligible: 2, not_eligible: 1, undetermined: 1 });
    expect(preview.sample.map((s) => [s.recordId, s.missing]).sort()).toEqual([
      ['RU-2', ['date_of_birth', 'health_status']],
      ['UA-3', ['date_of_birth']],
    ]);
    const stored = () =>
      withScope(db(), { system: 'on' }, async (scoped) => {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from eligibility_result`.execute(scoped);
        return rows[0]?.n;
      });
    expect(await stored()).toBe(0);

    await services.agreements.create(mediator, mechanism.id, { template: june.id });
    const first = await services.eligibility.evaluate(mediator, {
      mechanism: mechanism.id,
      agreement: june.definition.name,
    });
    expect(first.lists.map((l) => [l.party, l.lines]).sort()).toEqual([
      ['RU', 2],
      ['UA', 4],
    ]);
    expect(await stored()).toBe(6);
    await services.eligibility.evaluate(mediator, {
      mechanism: mechanism.id,
      agreement: june.definition.name,
    });
    expect(await stored()).toBe(6);

    const page = await services.eligibility.results(mediator, {
      mechanism: mechanism.id,
      agreement: june.definition.name,
      party: 'UA',
      kind: 'held',
      offset: 0,
      limit: 10,
    });
    expect(page.results.map((r) => [r.recordId, r.outcome, r.decidedBy])).toEqual([
      ['UA-1', 'eligible', 'young_servicemen'],
      ['UA-2', 'eligible', 'seriously_wounded_or_sick'],
      ['UA-3', 'undetermined', null],
      ['UA-4', 'not_eligible', 'refuses_return'],
    ]);
    const { rows } = await sql<{ action: string }>`
      select action from audit_entry where mechanism_id = ${mechanism.id}
      and action like 'eligibility.%' order by seq`.execute(db());
    expect(rows.map((r) => r.action)).toEqual([
      'eligibility.preview',
      'eligibility.evaluate',
      'eligibility.evaluate',
      'eligibility.read',
    ]);
  });

  it("keeps a party to its own lines' results, in the service and in the database", async () => {
    const name = june.definition.name;
    const ua = actorFor(mechanism, 'party_officer', 'UA');
    const read = (actor: Actor, party: string) =>
      services.eligibility.results(actor, {
        mechanism: mechanism.id,
        agreement: name,
        party,
        kind: 'held',
        offset: 0,
        limit: 10,
      });
    expect((await read(ua, 'UA')).total).toBe(4);
    await expect(read(ua, 'RU')).rejects.toMatchObject({ code: 'ACCESS.FORBIDDEN' });
    await expect(read(actorFor(mechanism, 'observer'), 'UA')).rejects.toMatchObject({
      code: 'ACCESS.FORBIDDEN',
    });
    expect((await read(mediator, 'RU')).total).toBe(2);

    const visible = (actor: Actor) =>
      withScope(db(), rowScope(actor), async (scoped) =>
        (
          await sql<{ party_code: string }>`
            select distinct party_code from eligibility_result
            where mechanism_id = ${mechanism.id} order by party_code`.execute(scoped)
        ).rows.map((r) => r.party_code),
      );
    expect(await visible(ua)).toEqual(['UA']);
    expect(await visible(mediator)).toEqual(['RU', 'UA']);
    expect(await visible(actorFor(mechanism, 'observer'))).toEqual([]);

    const summary = await services.eligibility.summary(ua, {
      mechanism: mechanism.id,
      agreement: name,
    });
    expect(summary.lists.map((l) => [l.party, l.outcomes])).toEqual([
      ['UA', { eligible: 2, not_eligible: 1, undetermined: 1 }],
    ]);
  });
});
