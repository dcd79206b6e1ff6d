import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import {
  dedupeList,
  dedupeListInParallel,
  linkAndPrepare,
  linkLists,
  linkListsInParallel,
  personListSettings,
  prepareList,
  type LinkRecord,
} from '@parley/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticLists } from '../demo/index.ts';
import { LIST_COLUMNS } from '../registry/index.ts';
import { openLinkagePool, type LinkagePool } from './linkage-pool.ts';
import { readListRecords } from './list-records.ts';

describe('the linkage pool', () => {
  let dir: string;
  let pool: LinkagePool;
  let sought: LinkRecord[];
  let held: LinkRecord[];
  const read = { encoding: 'utf-8', maxBytes: 10_000_000 } as const;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-pool-'));
    const lists = generateSyntheticLists({ seed: 11, size: 3_000 });
    for (const [name, rows] of [
      ['sought.csv', lists.sought],
      ['held.csv', lists.held],
    ] as const) {
      await fs.writeFile(
        path.join(dir, name),
        stringify([LIST_COLUMNS, ...rows.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))]),
      );
    }
    // Pairs are shared out however few they are: this test is about the worker.
    pool = openLinkagePool({ threads: 2, minParallelPairs: 0 });
    // This thread reads the first file, the worker the second.
    const [soughtFile, heldFile] = await Promise.all([
      pool.readRecords(path.join(dir, 'sought.csv'), read),
      pool.readRecords(path.join(dir, 'held.csv'), read),
    ]);
    [sought, held] = [soughtFile.records, heldFile.records];
  });
  afterAll(async () => {
    await pool.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads a list file in a worker as this thread reads it', async () => {
    expect(held.length).toBeGreaterThan(2_500);
    expect(held).toEqual((await readListRecords(path.join(dir, 'held.csv'), read)).records);
  });

  it('links with the same pairs, weights and explanations as one thread, under one seed', async () => {
    const settings = personListSettings();
    const single = linkLists(sought, held, settings, { seed: 4 });
    const parallel = await linkListsInParallel(sought, held, settings, {
      seed: 4,
      runComparisons: pool.runComparisons,
    });
    expect(single.blocking.candidatePairs).toBeGreaterThan(20_000);
    expect(single.pairs.filter((pair) => pair.decision === 'match').length).toBeGreaterThan(2_000);
    expect(parallel).toEqual(single);
  });

  it('links with the same pairs with the costliest blocking rules in a worker, and prepares the held list as on its own', async () => {
    const settings = personListSettings();
    const single = linkLists(sought, held, settings, { seed: 4 });
    const split = await linkAndPrepare(sought, held, settings, {
      seed: 4,
      runComparisons: pool.runComparisons,
      runBlocking: pool.runPersonBlocking,
    });
    expect(split.result).toEqual(single);
    const alone = prepareList(held, settings);
    for (const [r, rule] of settings.blocking.rules.entries()) {
      for (const record of sought.slice(0, 300)) {
        for (const key of [rule.key(record) ?? []].flat()) {
          expect(Array.from(split.prepared.blocks[r]!.recordsOf(key))).toEqual(
            Array.from(alone.blocks[r]!.recordsOf(key)),
          );
        }
      }
    }
  });

  it('finds the same duplicates as one thread', async () => {
    const records = [...sought.slice(0, 1_500), ...held.slice(0, 1_500)];
    const settings = personListSettings();
    const parallel = await dedupeListInParallel(records, settings, {
      seed: 2,
      runComparisons: pool.runComparisons,
    });
    expect(parallel).toEqual(dedupeList(records, settings, { seed: 2 }));
  });

  it('finds, wholly in a worker, the duplicates and the model that one thread finds', async () => {
    const records = [...sought.slice(0, 1_500), ...held.slice(0, 1_500)];
    const thresholds = { match: 0.9, possible: 0.3, duplicate: 0.9 };
    const here = dedupeList(records, personListSettings(thresholds), { seed: 2 });
    const inWorker = await pool.dedupe(records, thresholds, 2);
    expect(inWorker.pairs.length).toBeGreaterThan(0);
    expect(inWorker.pairs).toEqual(
      here.pairs.map(({ leftId, rightId, probability, decision }) => ({
        leftId,
        rightId,
        probability,
        decision,
      })),
    );
    expect(inWorker.model).toEqual(here.model);
  });

  it("hands a worker's failure over with its code", async () => {
    const here = pool.readRecords(path.join(dir, 'sought.csv'), read);
    const inWorker = pool.readRecords(path.join(dir, 'missing.csv'), read);
    await expect(inWorker).rejects.toMatchObject({
      code: 'REGISTRY.UNSUPPORTED_FILE',
      message: expect.stringContaining('no such file') as unknown,
    });
    expect((await here).records).toHaveLength(3_000);
  });
});
