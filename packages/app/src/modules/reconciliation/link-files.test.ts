import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticLists } from '../demo/index.ts';
import { LIST_COLUMNS } from '../registry/index.ts';
import { linkFiles } from './index.ts';

describe('linking two synthetic lists across Ukrainian and Russian forms', () => {
  let dir: string;
  let truth: Set<string>;
  const request = () => ({
    left: path.join(dir, 'ua-sought.csv'),
    right: path.join(dir, 'ru-held.csv'),
    out: path.join(dir, 'links.csv'),
    explain: path.join(dir, 'explain.jsonl'),
    match: 0.9,
    review: 0.5,
    seed: 1,
    encoding: 'utf-8' as const,
    maxBytes: 10_000_000,
  });

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-link-'));
    const lists = generateSyntheticLists({ seed: 5, size: 800 });
    const write = (name: string, rows: Record<string, string>[]) =>
      fs.writeFile(
        path.join(dir, name),
        stringify([LIST_COLUMNS, ...rows.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))]),
      );
    await write('ua-sought.csv', lists.sought);
    await write('ru-held.csv', lists.held);
    truth = new Set(lists.truth.map((t) => `${t.soughtId}|${t.heldId}`));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('writes the spec columns, one-to-one matches, and finds the true pairs (namesakes and brothers apart)', async () => {
    const result = await linkFiles(request());
    const rows = parse<Record<string, string>>(
      await fs.readFile(path.join(dir, 'links.csv'), 'utf8'),
      {
        columns: true,
      },
    );
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'left_id',
      'right_id',
      'match_probability',
      'match_weight',
      'decision',
    ]);
    const matches = rows.filter((r) => r.decision === 'match');
    expect(new Set(matches.map((r) => r.left_id)).size).toBe(matches.length);
    expect(new Set(matches.map((r) => r.right_id)).size).toBe(matches.length);
    const found = matches.filter((r) => truth.has(`${r.left_id}|${r.right_id}`)).length;
    const precision = found / matches.length;
    const recall = found / truth.size;
    expect({ precision, recall, matches: result.matches }).toMatchObject({
      matches: matches.length,
    });
    expect(precision).toBeGreaterThanOrEqual(0.99);
    expect(recall).toBeGreaterThanOrEqual(0.98);
    for (const row of rows) {
      expect(Number(row.match_probability)).toBeGreaterThanOrEqual(0.5);
      expect(row.decision === 'match').toBe(Number(row.match_probability) >= 0.9);
    }
  });

  it('explains each pair field by field, and gives the same result under the same seed', async () => {
    await linkFiles(request());
    const first = await fs.readFile(path.join(dir, 'links.csv'), 'utf8');
    const [explained] = (await fs.readFile(path.join(dir, 'explain.jsonl'), 'utf8')).split('\n');
    expect(JSON.parse(explained ?? '{}')).toMatchObject({
      fields: expect.arrayContaining([expect.objectContaining({ field: 'surname' })]) as unknown,
    });
    await linkFiles(request());
    expect(await fs.readFile(path.join(dir, 'links.csv'), 'utf8')).toBe(first);
  });

  it('writes the same results when it reads and compares in worker threads', async () => {
    const inThisThread = await linkFiles({ ...request(), threads: 1 });
    const first = await fs.readFile(path.join(dir, 'links.csv'), 'utf8');
    const explained = await fs.readFile(path.join(dir, 'explain.jsonl'), 'utf8');
    const inWorkers = await linkFiles({ ...request(), threads: 2 });
    expect(await fs.readFile(path.join(dir, 'links.csv'), 'utf8')).toBe(first);
    expect(await fs.readFile(path.join(dir, 'explain.jsonl'), 'utf8')).toBe(explained);
    expect(inWorkers.threads).toBe(2);
    expect({ ...inWorkers, seconds: 0, threads: 1 }).toEqual({ ...inThisThread, seconds: 0 });
  });

  it('names a missing file, also when a worker reads it', async () => {
    for (const threads of [1, 2]) {
      await expect(
        linkFiles({ ...request(), right: path.join(dir, 'missing.csv'), threads }),
      ).rejects.toMatchObject({ code: 'REGISTRY.UNSUPPORTED_FILE' });
    }
  });

  it('refuses thresholds out of order, naming both', async () => {
    await expect(linkFiles({ ...request(), match: 0.4, review: 0.6 })).rejects.toThrow(
      'the thresholds need 0 < --review (0.6) <= --match (0.4) < 1',
    );
  });
});
