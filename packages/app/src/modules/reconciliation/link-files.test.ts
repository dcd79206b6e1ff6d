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

describe("linking a party's first lists, a handful of lines each", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parley-small-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  const header = 'record_id,surname,given_name,patronymic,date_of_birth,service_number,sex';
  const link = async (
    left: string[],
    right: string[],
    review = 0.05,
    limits?: Parameters<typeof linkFiles>[0]['limits'],
  ) => {
    await fs.writeFile(path.join(dir, 'left.csv'), [header, ...left].join('\n'));
    await fs.writeFile(path.join(dir, 'right.csv'), [header, ...right].join('\n'));
    const result = await linkFiles({
      left: path.join(dir, 'left.csv'),
      right: path.join(dir, 'right.csv'),
      out: path.join(dir, 'links.csv'),
      match: 0.9,
      review,
      seed: 1,
      encoding: 'utf-8',
      maxBytes: 1_000_000,
      ...(limits ? { limits } : {}),
    });
    const rows = parse<Record<string, string>>(
      await fs.readFile(path.join(dir, 'links.csv'), 'utf8'),
      { columns: true },
    );
    return { result, decisions: new Map(rows.map((r) => [`${r.left_id}|${r.right_id}`, r])) };
  };

  // The case that broke the engine trained on the file alone: six and eight lines, three persons
  // written identically in every field, one in Latin, one in Ukrainian forms on one side.
  const sought = [
    'S1,Коваленко,Андрій,Петрович,1995-03-12,АБ123456,M',
    'S2,Шевченко,Олег,Іванович,1990-07-01,ВК654321,M',
    'S3,Бондаренко,Сергій,Миколайович,1988-11-23,1234567,M',
    'S4,Kravchenko,Dmytro,,1999-02-02,,M',
    'S5,Мельник,Олександр,Васильович,2001-06-15,,M',
    'S6,Ткаченко,Іван,,,,M',
  ];
  const held = [
    'H1,Коваленко,Андрій,Петрович,1995-03-12,АБ123456,M',
    'H2,Шевченко,Олег,Іванович,1990-07-01,ВК654321,M',
    'H3,Бондаренко,Сергій,Миколайович,1988-11-23,1234567,M',
    'H4,Кравченко,Дмитрий,,1999-02-02,,M',
    'H5,Мельник,Александр,Васильевич,2001-06-15,,M',
    'H6,Петров,Игорь,Сергеевич,1985-01-01,,M',
    'H7,Сидоренко,Виктор,,1979-04-04,,M',
    'H8,Денисов,Остап,,2002-09-10,,M',
  ];

  it('matches the persons written identically, and the Latin and Russian forms', async () => {
    const { decisions } = await link(sought, held);
    for (const pair of ['S1|H1', 'S2|H2', 'S3|H3', 'S4|H4', 'S5|H5']) {
      expect(decisions.get(pair)?.decision, pair).toBe('match');
    }
    // Ткаченко Іван with no date of birth: nobody else on the lists is near him.
    expect(decisions.has('S6|H8')).toBe(false);
  });

  it('keeps the identical persons matched whatever else the lists hold', async () => {
    const { decisions } = await link(sought.slice(0, 3), held.slice(0, 3));
    for (const pair of ['S1|H1', 'S2|H2', 'S3|H3']) {
      expect(Number(decisions.get(pair)?.match_probability)).toBeGreaterThan(0.999);
    }
  });

  it('counts a different given name and date of birth against a match (namesakes apart)', async () => {
    const { decisions } = await link(
      ['S1,Денисов,Веніамін,,2003-05-30,АА111111,M', 'S2,Іваненко,Петро,,1980-01-01,,M'],
      ['H1,Денисов,Остап,,2002-09-10,АА222222,M', 'H2,Коваль,Петро,,1970-02-02,,M'],
    );
    expect(decisions.size).toBe(0);
  });

  it('leaves out a line without a name and names it, linking the rest', async () => {
    const { result, decisions } = await link(
      [...sought.slice(0, 2), 'S9,,,,1990-01-01,,M'],
      held.slice(0, 2),
    );
    expect(result.leftOut.left).toEqual([
      'line 4: the line has neither a surname nor a given name: left out',
    ]);
    expect(result.left).toBe(2);
    expect(decisions.get('S1|H1')?.decision).toBe('match');
  });

  it('refuses a file past the configured limits, naming the line, and writes nothing', async () => {
    const limits = { maxCellChars: 100, maxLines: 6, maxColumns: 20, maxUnpackedBytes: 1e6 };
    await fs.rm(path.join(dir, 'links.csv'), { force: true });
    await expect(link(sought, held, 0.05, limits)).rejects.toThrow(
      /right\.csv was not imported: line 8: .*more than 6 lines.*PARLEY_MAX_LIST_LINES/,
    );
    await expect(fs.access(path.join(dir, 'links.csv'))).rejects.toThrow();
  });
});
