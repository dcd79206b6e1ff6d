import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildMechanism } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { seedStage } from '../../testing/exchange-rows.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';

// Stages and manifests have row policies: the test writes them as the system would.

describeEachDatabase('stages API', (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanism: string;

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanism = (await buildMechanism(db())).id;
  });

  it("lists the mechanism's stages with their agreement, to the roles that read the exchange", async () => {
    const agreement = await services.agreements.create(SYSTEM_ACTOR, mechanism, {
      template: 'istanbul-2025-06-02',
    });
    const { stageId } = await seedStage(db(), { mechanismId: mechanism, agreement });
    const url = `/api/v1/mechanisms/${mechanism}/stages`;
    const ua = await tokenFor(services, { mechanism, role: 'party_officer', party: 'UA' });
    const answer = await app.inject({ url, headers: ua });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      items: [
        {
          id: stageId,
          agreementId: agreement.id,
          number: 1,
          place: 'Belarus–Ukraine border',
          date: '2025-06-09',
          status: 'proposed',
        },
      ],
    });
    const observer = await tokenFor(services, { mechanism, role: 'observer' });
    expect((await app.inject({ url, headers: observer })).statusCode).toBe(403);
  });
});
