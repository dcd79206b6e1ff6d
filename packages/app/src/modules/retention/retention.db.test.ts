import { expect, it } from 'vitest';
import { ephemeralDeploymentKeys } from '../../platform/crypto/deployment-keys.ts';
import { buildServices } from '../../services.ts';
import { buildFile, buildMechanism, csvOf } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';

const HEADER = ['record_id', 'surname', 'health_status'];

describeEachDatabase('retention', (db) => {
  it('reports first, then deletes expired data, logging each deletion, and the chain still verifies', async () => {
    const keys = ephemeralDeploymentKeys();
    const now = buildServices({ db: db(), keys });
    const mechanism = await buildMechanism(db());
    const ref = {
      mechanism: mechanism.id,
      party: 'UA',
      kind: 'sought' as const,
      acceptInvalid: false,
    };
    const v1 = await now.registry.importList(SYSTEM_ACTOR, {
      ...ref,
      file: buildFile('v1.csv', csvOf([HEADER, ['S-1', 'Бондар', 'sick']])),
    });
    await now.registry.importList(SYSTEM_ACTOR, {
      ...ref,
      file: buildFile('v2.csv', csvOf([HEADER, ['S-1', 'Бондар', 'recovered']])),
    });
    await now.retention.setPolicy(SYSTEM_ACTOR, 'superseded_versions', 30);
    await expect(now.retention.setPolicy(SYSTEM_ACTOR, 'everything', 1)).rejects.toThrow(
      /"everything" is not a data category/,
    );

    expect(
      (await now.retention.run(SYSTEM_ACTOR, { apply: true })).map((f) => [f.category, f.objects]),
    ).toEqual([['superseded_versions', 0]]);

    // Forty days on, version 1 has expired; the report comes first and changes nothing.
    const later = buildServices({
      db: db(),
      keys,
      clock: () => new Date(Date.now() + 40 * 86_400_000),
    });
    const report = await later.retention.run(SYSTEM_ACTOR, { apply: false });
    expect(report.map((f) => [f.category, f.objects, f.deletedRows])).toEqual([
      ['superseded_versions', 1, null],
    ]);
    expect((await later.registry.versions(SYSTEM_ACTOR, ref)).map((v) => v.number)).toEqual([1, 2]);

    const applied = await later.retention.run(SYSTEM_ACTOR, { apply: true });
    expect(applied.map((f) => [f.category, f.objects, f.deletedRows])).toEqual([
      ['superseded_versions', 1, 1],
    ]);
    expect((await later.registry.versions(SYSTEM_ACTOR, ref)).map((v) => v.number)).toEqual([2]);
    const [logged] = await later.audit.find({ action: 'retention.delete', afterSeq: 0, limit: 10 });
    expect(logged).toMatchObject({
      objectIds: [v1.version.id],
      details: { category: 'superseded_versions', deletedRows: 1 },
    });
    expect(await later.audit.verify()).toMatchObject({ ok: true });
  });
});
