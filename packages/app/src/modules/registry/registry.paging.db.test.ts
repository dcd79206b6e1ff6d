import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { withScope } from '../../platform/db/scope.ts';
import { expiringSupersededVersions } from './index.ts';

const HEADER = ['record_id', 'surname', 'given_name', 'date_of_birth'];
const LINES = 23;
const rows = Array.from({ length: LINES }, (_, i) => [`S-${i + 1}`, 'Бондар', 'Іван', '1990']);

// Pages in file order are read as ranges of line numbers when the lines have no gaps, and with
// an offset otherwise; both must give the same pages.
describeEachDatabase('pages of a list in file order', (db) => {
  const pagesOf = async (csv: string) => {
    const { registry } = buildTestServices(db());
    const mechanism = await buildMechanism(db());
    const ref = { mechanism: mechanism.id, party: 'UA', kind: 'sought' as const };
    await registry.importList(SYSTEM_ACTOR, {
      ...ref,
      acceptInvalid: false,
      file: buildFile('sought.csv', csv),
    });
    const ids = [...rows.map((row) => row[0])];
    const cases = [
      { offset: 0, limit: 5 },
      { offset: 5, limit: 5 },
      { offset: 20, limit: 5 },
      { offset: 22, limit: 1 },
      { offset: 23, limit: 5 },
      { offset: 100, limit: 5 },
    ];
    // The latest version, and version 1 by its number: read again, a numbered version is
    // remembered and its pages read as one statement (page-reader.ts).
    for (const [direction, selector] of [
      ['asc', ref],
      ['desc', ref],
      ['asc', { ...ref, version: 1 }],
      ['desc', { ...ref, version: 1 }],
    ] as const) {
      const ordered = direction === 'asc' ? ids : [...ids].reverse();
      for (const { offset, limit } of cases) {
        const page = await registry.lines(SYSTEM_ACTOR, selector, {
          offset,
          limit,
          sort: { column: 'line_number', direction },
        });
        expect({
          direction,
          offset,
          limit,
          total: page.total,
          ids: page.lines.map((l) => l.recordId),
        }).toEqual({
          direction,
          offset,
          limit,
          total: LINES,
          ids: ordered.slice(offset, offset + limit),
        });
      }
    }
    // Keyset pages (after the last line number of the page before) give the same lines.
    for (const direction of ['asc', 'desc'] as const) {
      const ordered = direction === 'asc' ? ids : [...ids].reverse();
      const seen: string[][] = [];
      let after: number | undefined;
      for (;;) {
        const page = await registry.lines(SYSTEM_ACTOR, ref, {
          offset: 0,
          limit: 5,
          ...(after === undefined ? {} : { after }),
          sort: { column: 'line_number', direction },
        });
        expect(page.total).toBe(LINES);
        if (page.lines.length === 0) break;
        seen.push(page.lines.map((l) => l.recordId));
        after = page.lines.at(-1)!.lineNumber;
      }
      expect({ direction, pages: seen }).toEqual({
        direction,
        pages: Array.from({ length: Math.ceil(LINES / 5) }, (_, i) =>
          ordered.slice(i * 5, i * 5 + 5),
        ),
      });
    }
    await expect(
      registry.lines(SYSTEM_ACTOR, ref, {
        offset: 0,
        limit: 5,
        after: 3,
        sort: { column: 'surname', direction: 'asc' },
      }),
    ).rejects.toThrow(/sort by line_number/);
    const all = await registry.lines(SYSTEM_ACTOR, ref, { offset: 0, limit: 100 });
    const numbers = all.lines.map((line) => line.lineNumber);
    return { numbered: numbers.at(-1)! - numbers[0]! + 1 };
  };

  it('pages a list whose lines follow one another', async () => {
    expect(await pagesOf(csvOf([HEADER, ...rows]))).toEqual({ numbered: LINES });
  });

  it('answers that a version is gone once retention deleted it, though it was read just before', async () => {
    const { registry } = buildTestServices(db());
    const mechanism = await buildMechanism(db());
    const ref = { mechanism: mechanism.id, party: 'UA', kind: 'sought' as const };
    for (const name of ['first.csv', 'second.csv'])
      await registry.importList(SYSTEM_ACTOR, {
        ...ref,
        acceptInvalid: false,
        file: buildFile(name, csvOf([HEADER, ...rows])),
      });
    const first = { ...ref, version: 1 };
    const page = { offset: 0, limit: 5 };
    expect((await registry.lines(SYSTEM_ACTOR, first, page)).lines).toHaveLength(5);
    expect((await registry.lines(SYSTEM_ACTOR, first, page)).lines).toHaveLength(5);
    const [version] = await registry.versions(SYSTEM_ACTOR, ref);
    await withScope(db(), { system: 'on' }, (system) =>
      expiringSupersededVersions.deleteExpired(system, [version!.id]),
    );
    await expect(registry.lines(SYSTEM_ACTOR, first, page)).rejects.toMatchObject({
      code: 'REGISTRY.VERSION_NOT_FOUND',
    });
  });

  it('pages a list with blank lines between its lines', async () => {
    const csv = csvOf([HEADER, ...rows])
      .replace('S-5,', '\n\nS-5,')
      .replace('S-17,', '\nS-17,');
    expect(await pagesOf(csv)).toEqual({ numbered: LINES + 3 });
  });
});
