import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, csvOf } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';
import { AGREEMENT_TEMPLATES } from './index.ts';

const LIST = csvOf([
  ['record_id', 'surname', 'date_of_birth', 'health_status'],
  ['P-1', 'Шевченко', '2002', 'good'],
  ['P-2', 'Мельник', '1985-02-03', 'seriously_sick'],
  ['P-3', 'Ткаченко', '', 'good'],
]);

describeEachDatabase('agreement and eligibility API', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let base: string;
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    const mechanism = await buildMechanism(db());
    base = `/api/v1/mechanisms/${mechanism.id}`;
    for (const party of ['UA', 'RU'])
      await services.registry.importList(SYSTEM_ACTOR, {
        mechanism: mechanism.id,
        party,
        kind: 'held',
        acceptInvalid: false,
        file: buildFile('held.csv', LIST),
      });
    headers.mediator = await tokenFor(services, { mechanism: mechanism.id, role: 'mediator' });
    headers.ua = await tokenFor(services, {
      mechanism: mechanism.id,
      role: 'party_officer',
      party: 'UA',
    });
    headers.observer = await tokenFor(services, { mechanism: mechanism.id, role: 'observer' });
  });

  it('lists the templates and documents the endpoints', async () => {
    const templates = await app.inject({ url: '/api/v1/agreement-templates', headers: headers.ua });
    expect(templates.json<{ items: { id: string }[] }>().items.map((t) => t.id)).toEqual(
      AGREEMENT_TEMPLATES.map((t) => t.id),
    );
    const spec = (await app.inject('/docs/json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(spec.paths)).toContain(
      '/api/v1/mechanisms/{mechanism}/agreements/{agreement}/versions/{version}/eligibility/{party}/{kind}',
    );
  });

  it('creates from a template, and refuses a rule that does not compile with its position', async () => {
    const created = await app.inject({
      method: 'POST',
      url: `${base}/agreements`,
      headers: headers.mediator,
      payload: { template: 'istanbul-2025-06-02' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Istanbul, 2 June 2025', status: 'agreed' });

    const definition = {
      ...AGREEMENT_TEMPLATES[0]?.definition,
      name: 'Draft',
      categories: [{ id: 'women', name: 'Women', clause: '', rule: "person.sex == 'F' &&" }],
      formula: { kind: 'n_for_n', n: 5 },
    };
    const refused = await app.inject({
      method: 'POST',
      url: `${base}/agreements`,
      headers: headers.mediator,
      payload: { definition },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'AGREEMENT.RULE_INVALID',
        message: expect.stringMatching(
          /^the rule of category women does not compile: line 1, column \d+: syntax error/,
        ) as unknown,
        details: { problems: [{ rule: 'women', ruleKind: 'category', line: 1 }] },
      },
    });
    const byParty = await app.inject({
      method: 'POST',
      url: `${base}/agreements`,
      headers: headers.ua,
      payload: { template: 'dix-hill-1862' },
    });
    expect(byParty.json()).toMatchObject({ error: { code: 'ACCESS.FORBIDDEN' } });
  });

  it('revises as a new version and moves the status', async () => {
    const url = `${base}/agreements/${encodeURIComponent('Istanbul, 2 June 2025')}`;
    const current = (await app.inject({ url, headers: headers.observer })).json<{
      versions: { definition: Record<string, unknown> }[];
    }>();
    const revised = await app.inject({
      method: 'PUT',
      url,
      headers: headers.mediator,
      payload: { definition: { ...current.versions[0]?.definition, referenceDate: '2025-06-09' } },
    });
    expect(revised.json()).toMatchObject({
      number: 2,
      definition: { referenceDate: '2025-06-09' },
    });
    const moved = await app.inject({
      method: 'POST',
      url: `${url}/status`,
      headers: headers.mediator,
      payload: { status: 'lists_exchanged' },
    });
    expect(moved.json()).toMatchObject({ status: 'lists_exchanged' });
  });

  it('previews a draft, evaluates, and shows each party its own results', async () => {
    const preview = await app.inject({
      method: 'POST',
      url: `${base}/eligibility/preview`,
      headers: headers.mediator,
      payload: { definition: AGREEMENT_TEMPLATES[0]?.definition, outcome: 'undetermined' },
    });
    expect(preview.json()).toMatchObject({
      lists: [
        { kind: 'held', outcomes: { eligible: 2, not_eligible: 0, undetermined: 1 } },
        { kind: 'held', outcomes: { eligible: 2, not_eligible: 0, undetermined: 1 } },
      ],
      sample: [
        { recordId: 'P-3', missing: ['date_of_birth'] },
        { recordId: 'P-3', missing: ['date_of_birth'] },
      ],
    });
    const agreement = `${base}/agreements/${encodeURIComponent('Istanbul, 2 June 2025')}`;
    const evaluated = await app.inject({
      method: 'POST',
      url: `${agreement}/versions/1/evaluations`,
      headers: headers.mediator,
    });
    expect(evaluated.statusCode).toBe(201);

    const results = await app.inject({
      url: `${agreement}/versions/1/eligibility/UA/held?limit=2`,
      headers: headers.ua,
    });
    expect(results.json()).toMatchObject({
      total: 3,
      offset: 0,
      items: [
        { recordId: 'P-1', outcome: 'eligible', decidedBy: 'young_servicemen' },
        { recordId: 'P-2', outcome: 'eligible', decidedBy: 'seriously_wounded_or_sick' },
      ],
    });
    const theirs = await app.inject({
      url: `${agreement}/versions/1/eligibility/RU/held`,
      headers: headers.ua,
    });
    expect(theirs.statusCode).toBe(403);
    const counts = await app.inject({
      url: `${agreement}/versions/latest/eligibility`,
      headers: headers.observer,
    });
    // Version 2 was not evaluated: its counts say so.
    expect(counts.json()).toMatchObject({
      lists: [{ isEvaluated: false }, { isEvaluated: false }],
    });
    const observed = await app.inject({
      url: `${agreement}/versions/1/eligibility`,
      headers: headers.observer,
    });
    expect(observed.json()).toMatchObject({
      lists: [
        { isEvaluated: true, lines: 3, decidedBy: { '(open)': 1 } },
        { isEvaluated: true, lines: 3 },
      ],
    });
  });
});
