import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildMechanism } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { seedStage } from '../../testing/exchange-rows.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';
import { withScope } from '../../platform/db/scope.ts';
import { insertManifest } from './shared/exchange-rows.repository.ts';

// Stages and manifests have row policies: the test writes them as the system would.
const SYSTEM_SCOPE = { system: 'on' };

describeEachDatabase("a stage's manifests and their corrections, through the API", (db) => {
  let app: FastifyInstance;
  let services: Services;

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
  });

  it('names, for each manifest of a stage, the one it corrects, oldest first', async () => {
    const mechanism = (await buildMechanism(db())).id;
    const agreement = await services.agreements.create(SYSTEM_ACTOR, mechanism, {
      template: 'istanbul-2025-06-02',
    });
    const { stageId } = await seedStage(db(), { mechanismId: mechanism, agreement });
    const manifest = (hash: string, supersedes: string | null) =>
      withScope(db(), SYSTEM_SCOPE, (system) =>
        insertManifest(system, {
          mechanismId: mechanism,
          stageId,
          kind: 'parley-manifest/1',
          document: '{}',
          hash,
          requiredSigners: [{ role: 'mediator', party: null }],
          supersedes,
          createdBy: 'system',
        }),
      );
    const first = await manifest('a'.repeat(64), null);
    const second = await manifest('b'.repeat(64), first);
    const answer = await app.inject({
      url: `/api/v1/mechanisms/${mechanism}/stages/${stageId}`,
      headers: await tokenFor(services, { mechanism, role: 'party_officer', party: 'UA' }),
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json<{ manifests: unknown[] }>().manifests).toEqual([
      { id: first, hash: 'a'.repeat(64), supersedes: null },
      { id: second, hash: 'b'.repeat(64), supersedes: first },
    ]);
  });
});
