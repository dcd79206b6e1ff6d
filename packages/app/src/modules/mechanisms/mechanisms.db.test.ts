import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { buildMechanism, buildTestServices } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR, type Actor } from '../access/index.ts';
import type { Mechanism } from './index.ts';

describeEachDatabase('a mechanism found by its name as typed', (db) => {
  let demo: Mechanism;
  let hidden: Mechanism;
  const tag = randomUUID().slice(0, 8);

  beforeAll(async () => {
    demo = await buildMechanism(db(), { name: `UA–RU demo ${tag} (Istanbul 2025)` });
    hidden = await buildMechanism(db(), { name: `UA—RU private ${tag}` });
  });

  const get = (ref: string, actor: Actor = SYSTEM_ACTOR) =>
    buildTestServices(db()).mechanisms.get(actor, ref);

  it('finds "UA–RU" typed "UA-RU", in any case', async () => {
    expect((await get(`ua-ru DEMO ${tag} (Istanbul 2025)`)).id).toBe(demo.id);
    expect((await get(`UA-RU private ${tag}`)).id).toBe(hidden.id);
  });

  it('suggests the names that hold a part typed, among the mechanisms the user may read', async () => {
    const refusal = (ref: string, actor?: Actor) =>
      get(ref, actor).then(
        () => 'found',
        (e: unknown) => `${(e as { code: string }).code}: ${(e as Error).message}`,
      );
    expect(await refusal(`UA-RU demo ${tag}`)).toBe(
      `MECHANISM.NOT_FOUND: no mechanism "UA-RU demo ${tag}"; did you mean "${demo.name}"?`,
    );
    const officer: Actor = {
      id: 'user:officer',
      userId: null,
      isSystem: false,
      isAdmin: false,
      grants: [{ mechanismId: demo.id, role: 'party_officer', party: 'UA' }],
    };
    // Both names hold the tag; the officer is told only of the one they may read.
    expect(await refusal(tag, officer)).toBe(
      `MECHANISM.NOT_FOUND: no mechanism "${tag}"; did you mean "${demo.name}"?`,
    );
    expect(await refusal(`private ${tag}`, officer)).toBe(
      `MECHANISM.NOT_FOUND: no mechanism "private ${tag}"`,
    );
    expect((await get(`ua-ru demo ${tag} (istanbul 2025)`, officer)).id).toBe(demo.id);
  });
});
